import { type Collection, type Document, MongoServerError } from 'mongodb';

/** How a TTL index request ended: created, or refused (or silently ignored) by the server. */
export type TtlOutcome = { readonly ttl: true } | { readonly ttl: false; readonly reason: string };

/**
 * Creates an ascending single-field index, idempotently. For a unique index it then checks that
 * the server really holds one: FerretDB answers success but keeps the old index when a
 * non-unique one on the same field exists, and fails with an internal error, not a duplicate-key
 * one, when stored values repeat. Both cases raise an error that says what to fix.
 */
export async function ensureIndex<T extends Document>(
  collection: Collection<T>,
  field: string,
  options: { readonly unique?: boolean } = {},
): Promise<void> {
  const unique = options.unique === true;
  try {
    await collection.createIndex({ [field]: 1 }, unique ? { unique } : {});
  } catch (error) {
    if (unique && error instanceof MongoServerError) {
      const repeated = await countRepeatedValues(collection, field);
      if (repeated > 0) {
        throw new Error(
          `cannot create a unique index on ${collection.collectionName}.${field}: ` +
            `${repeated} value(s) occur in more than one document; resolve them first`,
          { cause: error },
        );
      }
    }
    throw error;
  }
  if (unique && !(await hasIndex(collection, field, (index) => index.unique === true))) {
    throw new Error(
      `${collection.collectionName}.${field} has an index that is not unique; drop it and call ensureIndexes again`,
    );
  }
}

/**
 * Asks for a TTL index that deletes a document once `field` (a date) has passed. A server that
 * refuses TTL indexes (FerretDB 1.x answers NotImplemented) gets a plain index on the field
 * instead, so that `purgeExpired` stays cheap; so does a server that accepts the request but
 * does not record the option.
 */
export async function ensureTtlIndex<T extends Document>(
  collection: Collection<T>,
  field: string,
): Promise<TtlOutcome> {
  try {
    await collection.createIndex({ [field]: 1 }, { expireAfterSeconds: 0 });
  } catch (error) {
    if (!(error instanceof MongoServerError)) throw error;
    await collection.createIndex({ [field]: 1 });
    return { ttl: false, reason: `${error.codeName ?? error.code}: ${error.message}` };
  }
  if (await hasIndex(collection, field, (index) => index.expireAfterSeconds === 0))
    return { ttl: true };
  return { ttl: false, reason: 'the server accepted the TTL index but did not record it' };
}

async function hasIndex<T extends Document>(
  collection: Collection<T>,
  field: string,
  accept: (index: Document) => boolean,
): Promise<boolean> {
  const indexes = await collection.listIndexes().toArray();
  return indexes.some((index) => {
    const keys = Object.keys((index.key ?? {}) as Document);
    return keys.length === 1 && keys[0] === field && accept(index);
  });
}

async function countRepeatedValues<T extends Document>(collection: Collection<T>, field: string) {
  const repeated = await collection
    .aggregate([
      { $group: { _id: `$${field}`, n: { $sum: 1 } } },
      { $match: { n: { $gt: 1 } } },
      { $count: 'repeated' },
    ])
    .toArray();
  return Number(repeated[0]?.repeated ?? 0);
}
