import { isUnavailable } from '@sentinel/core';
import { ObjectId } from 'mongodb';
import { expect, it } from 'vitest';
import { MalformedDocumentError } from '../src/index.js';
import { type StringIdDocument, useMongo } from './support/database.js';
import { describeWithMongo } from './support/gate.js';

const DIGEST = 'ab'.repeat(32);

/** Asserts a read rejects as a malformed document naming the collection and the _id. */
async function expectMalformed(read: Promise<unknown>, collection: string, id: string) {
  const error = await read.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MalformedDocumentError);
  expect(isUnavailable(error)).toBe(false);
  const message = (error as Error).message;
  expect(message).toContain(`"${collection}"`);
  expect(message).toContain(id);
  return message;
}

describeWithMongo('malformed documents', (url) => {
  const mongo = useMongo(url);

  it('a bad user rejects every read that meets it, naming _id and collection, never the hash', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase();
    try {
      const _id = new ObjectId();
      await db.collection('users').insertOne({ _id, username: 'broken', hashpw: 42 });
      const message = await expectMalformed(
        stores.users.findByUsername('broken'),
        'users',
        _id.toHexString(),
      );
      expect(message).toContain('hashpw');
      await expectMalformed(stores.users.findById(_id.toHexString()), 'users', _id.toHexString());
      await expectMalformed(stores.users.list(), 'users', _id.toHexString());

      const hashId = new ObjectId();
      const secretish = '$2b$12$ this is not printable\u0001';
      await db.collection('users').insertOne({ _id: hashId, username: 'odd', hashpw: secretish });
      const hashMessage = await expectMalformed(
        stores.users.findByUsername('odd'),
        'users',
        hashId.toHexString(),
      );
      expect(hashMessage).not.toContain(secretish);
    } finally {
      await teardown();
    }
  });

  it('a bad client rejects, naming _id and collection', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase();
    try {
      const _id = new ObjectId();
      await db.collection('clients').insertOne({ _id, client_id: 'weird', client_type: 'secret' });
      const message = await expectMalformed(
        stores.clients.find('weird'),
        'clients',
        _id.toHexString(),
      );
      expect(message).toContain('client_type');
      await db.collection<StringIdDocument>('clients').insertOne({
        _id: 'string-id',
        client_id: 'no-time',
        client_type: 'public',
      });
      await expectMalformed(stores.clients.find('no-time'), 'clients', 'string-id');
    } finally {
      await teardown();
    }
  });

  it('a bad token or marker rejects, naming _id and collection', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase();
    try {
      await db.collection<StringIdDocument>('tokens').insertOne({ _id: DIGEST, kind: 'access' });
      const message = await expectMalformed(stores.tokens.find(DIGEST), 'tokens', DIGEST);
      expect(message).toContain('expires_at');
      await expectMalformed(stores.tokens.redeem(DIGEST, new Date()), 'tokens', DIGEST);

      await db
        .collection<StringIdDocument>('token_meta')
        .insertOne({ _id: 'generation:0000000000000001', kind: 'generation', value: 'one' });
      await expectMalformed(
        stores.tokens.cacheGeneration(),
        'token_meta',
        'generation:0000000000000001',
      );
    } finally {
      await teardown();
    }
  });
});
