import {
  DuplicateTokenError,
  type Logger,
  type RedeemResult,
  type RevokedToken,
  type TokenRecord,
  type TokenStore,
} from '@sentinel/core';
import type { Collection, Db, Document, Filter } from 'mongodb';
import { bumpGeneration, readGeneration } from './cache-generation.js';
import { DEFAULT_COLLECTIONS } from './collections.js';
import { isDuplicateKey, storeCall } from './errors.js';
import { ensureIndex, ensureTtlIndex } from './indexes.js';
import {
  type TokenDocument,
  toRevokedToken,
  toTokenDocument,
  toTokenRecord,
} from './token-document.js';
import {
  type FamilyMarker,
  familyMarkerId,
  type MetaDocument,
  parseMarker,
  type RedeemMarker,
  redeemMarkerId,
} from './token-meta.js';

export interface MongoTokenStoreOptions {
  /** Collection of token documents; default `tokens`. */
  readonly collection?: string;
  /** Collection of markers and cache generations; default `token_meta`. */
  readonly metaCollection?: string;
  /** Told once per `ensureIndexes` call when the server refuses TTL indexes. */
  readonly logger?: Pick<Logger, 'warn'>;
}

/** Revocations update tokens by `_id` in batches of this many, to keep each command small. */
const REVOKE_BATCH = 1000;

/** Only Sentinel's token documents have string ids; the seed's have ObjectIds. */
const SENTINEL_TOKENS = { $type: 'string' } as const;

/**
 * `TokenStore` over two collections: tokens keyed by digest, and a meta collection whose unique
 * `_id`s make redemption, family revocation and the cache generation exactly-once without relying
 * on atomic read-modify-write updates (see `token-meta.ts`).
 */
export class MongoTokenStore implements TokenStore {
  readonly #tokens: Collection<TokenDocument>;
  readonly #meta: Collection<MetaDocument>;
  /** The same tokens collection, untyped, for the seed's documents whose ids are ObjectIds. */
  readonly #rawTokens: Collection<Document>;
  readonly #logger: Pick<Logger, 'warn'> | undefined;

  constructor(db: Db, options: MongoTokenStoreOptions = {}) {
    const tokens = options.collection ?? DEFAULT_COLLECTIONS.tokens;
    this.#tokens = db.collection<TokenDocument>(tokens);
    this.#rawTokens = db.collection(tokens);
    this.#meta = db.collection<MetaDocument>(
      options.metaCollection ?? DEFAULT_COLLECTIONS.tokenMeta,
    );
    this.#logger = options.logger;
  }

  /**
   * Creates the indexes for revocation by family, user and client, and TTL indexes on expiry.
   * Idempotent. A server that refuses TTL indexes gets plain ones and one warning; expired
   * documents are then deleted only by `purgeExpired`.
   */
  ensureIndexes(): Promise<void> {
    return storeCall('tokens.ensureIndexes', async () => {
      for (const field of ['family_id', 'user_id', 'client_id']) {
        await ensureIndex(this.#tokens, field);
      }
      const refused = [await this.#ttlIndex(this.#tokens), await this.#ttlIndex(this.#meta)].filter(
        (r) => r !== null,
      );
      const first = refused[0];
      if (first) {
        this.#logger?.warn(
          { collections: refused.map((r) => r.collection), reason: first.reason },
          'MongoDB server refused TTL indexes; expired tokens are deleted only by purgeExpired(), so call it periodically',
        );
      }
    });
  }

  save(records: readonly TokenRecord[]): Promise<void> {
    return storeCall('tokens.save', async () => {
      if (records.length === 0) return;
      const documents = records.map(toTokenDocument);
      try {
        await this.#tokens.insertMany(documents, { ordered: true });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        await this.#undoPartialInsert(error, documents);
        throw new DuplicateTokenError();
      }
      await this.#applyFamilyRevocations(records);
    });
  }

  find(digest: string): Promise<TokenRecord | null> {
    return storeCall('tokens.find', async () => {
      const document = await this.#tokens.findOne({ _id: digest });
      return document ? this.#withMarkers(this.#toRecord(document)) : null;
    });
  }

  /**
   * Single-use by a unique insert: of all callers, exactly one creates the redemption marker and
   * wins. The token document's `consumed_at` is set afterwards, and `find` reads the marker
   * meanwhile, so a loser always sees the winner's time.
   */
  redeem(digest: string, at: Date): Promise<RedeemResult> {
    return storeCall('tokens.redeem', async () => {
      const document = await this.#tokens.findOne({ _id: digest });
      if (!document) return { outcome: 'unknown' };
      const record = this.#toRecord(document);
      if (record.kind !== 'refresh') return { outcome: 'unknown' };
      if (record.consumedAt !== null) {
        return { outcome: 'replayed', token: await this.#withMarkers(record) };
      }
      const marker: RedeemMarker = {
        _id: redeemMarkerId(digest),
        kind: 'redeem',
        consumed_at: at,
        expires_at: record.expiresAt,
      };
      try {
        await this.#meta.insertOne(marker);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return { outcome: 'replayed', token: await this.#withMarkers(record) };
      }
      await this.#tokens.updateOne(
        { _id: digest, consumed_at: null },
        { $set: { consumed_at: at } },
      );
      return { outcome: 'redeemed', token: await this.#withMarkers({ ...record, consumedAt: at }) };
    });
  }

  revoke(digest: string, at: Date): Promise<RevokedToken[]> {
    return storeCall('tokens.revoke', () => this.#revokeWhere({ _id: digest }, at));
  }

  /**
   * Writes the family marker first, then revokes the family's tokens. A token saved concurrently
   * is either seen here, or sees the marker (`save` checks it after inserting; `find` too).
   */
  revokeFamily(familyId: string, at: Date): Promise<RevokedToken[]> {
    return storeCall('tokens.revokeFamily', async () => {
      const _id = familyMarkerId(familyId);
      const marker: FamilyMarker = {
        _id,
        kind: 'family',
        family_id: familyId,
        revoked_at: at,
        expires_at: null,
      };
      try {
        await this.#meta.insertOne(marker);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const revoked = await this.#revokeWhere({ family_id: familyId, _id: SENTINEL_TOKENS }, at);
      // The marker outlives every token the family had; later ones carry their own revoked_at.
      const [latest] = await this.#tokens
        .find({ family_id: familyId, _id: SENTINEL_TOKENS }, { projection: { expires_at: 1 } })
        .sort({ expires_at: -1 })
        .limit(1)
        .toArray();
      const expiresAt =
        latest?.expires_at instanceof Date && latest.expires_at > at ? latest.expires_at : at;
      await this.#meta.updateOne({ _id }, { $max: { expires_at: expiresAt } });
      return revoked;
    });
  }

  revokeUser(userId: string, at: Date): Promise<RevokedToken[]> {
    return storeCall('tokens.revokeUser', () =>
      this.#revokeWhere({ user_id: userId, _id: SENTINEL_TOKENS }, at),
    );
  }

  revokeClient(clientId: string, at: Date): Promise<RevokedToken[]> {
    return storeCall('tokens.revokeClient', () =>
      this.#revokeWhere({ client_id: clientId, _id: SENTINEL_TOKENS }, at),
    );
  }

  /**
   * Deletes Sentinel's expired tokens and their markers, and the seed's token documents whose
   * `expires` has passed (they hold raw tokens that Sentinel never accepts). Returns how many
   * token documents of either kind were deleted.
   */
  purgeExpired(now: Date): Promise<number> {
    return storeCall('tokens.purgeExpired', async () => {
      const own = await this.#tokens.deleteMany({ expires_at: { $lt: now } });
      const seed = await this.#rawTokens.deleteMany({
        _id: { $type: 'objectId' },
        access_token: { $exists: true },
        expires: { $lt: now },
      });
      await this.#meta.deleteMany({ expires_at: { $lt: now } });
      return own.deletedCount + seed.deletedCount;
    });
  }

  cacheGeneration(): Promise<number> {
    return storeCall('tokens.cacheGeneration', () => readGeneration(this.#meta));
  }

  bumpCacheGeneration(): Promise<number> {
    return storeCall('tokens.bumpCacheGeneration', () => bumpGeneration(this.#meta));
  }

  /** A TTL index on `expires_at`; null when made, else why the server would not. */
  async #ttlIndex<T extends Document>(collection: Collection<T>) {
    const outcome = await ensureTtlIndex(collection, 'expires_at');
    return outcome.ttl ? null : { collection: collection.collectionName, reason: outcome.reason };
  }

  #toRecord(document: TokenDocument): TokenRecord {
    return toTokenRecord(document, this.#tokens.collectionName);
  }

  /**
   * Completes a record with its markers: the family's revocation when the token itself is not
   * revoked, and a redemption whose `consumed_at` has not reached the token document yet.
   */
  async #withMarkers(record: TokenRecord): Promise<TokenRecord> {
    const wanted: string[] = [];
    if (record.revokedAt === null) wanted.push(familyMarkerId(record.familyId));
    if (record.kind === 'refresh' && record.consumedAt === null) {
      wanted.push(redeemMarkerId(record.digest));
    }
    if (wanted.length === 0) return record;
    let result = record;
    for (const document of await this.#meta.find({ _id: { $in: wanted } }).toArray()) {
      const marker = parseMarker(document, this.#meta.collectionName);
      if (marker.kind === 'family') result = { ...result, revokedAt: marker.revoked_at };
      if (marker.kind === 'redeem') result = { ...result, consumedAt: marker.consumed_at };
    }
    return result;
  }

  /** Sets `revoked_at` on the tokens just saved into families that were revoked before. */
  async #applyFamilyRevocations(records: readonly TokenRecord[]): Promise<void> {
    const families = [...new Set(records.map((r) => r.familyId))];
    const markers = await this.#meta.find({ _id: { $in: families.map(familyMarkerId) } }).toArray();
    for (const document of markers) {
      const marker = parseMarker(document, this.#meta.collectionName);
      if (marker.kind !== 'family') continue;
      const digests = records.filter((r) => r.familyId === marker.family_id).map((r) => r.digest);
      await this.#tokens.updateMany(
        { _id: { $in: digests }, revoked_at: null },
        { $set: { revoked_at: marker.revoked_at } },
      );
    }
  }

  /**
   * An ordered insert stops at the first duplicate, having stored the documents before it. Those
   * are this call's own (their digests were new), so removing them keeps `save` all-or-nothing.
   */
  async #undoPartialInsert(error: unknown, documents: readonly TokenDocument[]): Promise<void> {
    const writeErrors: unknown = (error as { writeErrors?: unknown }).writeErrors;
    const first = (Array.isArray(writeErrors) ? writeErrors[0] : writeErrors) as
      | { index?: unknown }
      | undefined;
    const stored = typeof first?.index === 'number' ? documents.slice(0, first.index) : [];
    if (stored.length === 0) return;
    await this.#tokens.deleteMany({ _id: { $in: stored.map((d) => d._id) } });
  }

  async #revokeWhere(filter: Filter<TokenDocument>, at: Date): Promise<RevokedToken[]> {
    const found = await this.#tokens
      .find({ ...filter, revoked_at: null }, { projection: { _id: 1, expires_at: 1 } })
      .toArray();
    const revoked = found.map((d) => toRevokedToken(d, this.#tokens.collectionName));
    for (let i = 0; i < revoked.length; i += REVOKE_BATCH) {
      const digests = revoked.slice(i, i + REVOKE_BATCH).map((r) => r.digest);
      await this.#tokens.updateMany(
        { _id: { $in: digests }, revoked_at: null },
        { $set: { revoked_at: at } },
      );
    }
    return revoked;
  }
}
