import { DuplicateClientError, DuplicateUsernameError } from '@sentinel/core';
import type { Db, Document } from 'mongodb';
import { expect, it } from 'vitest';
import { createMongoStores } from '../src/index.js';
import { useMongo } from './support/database.js';
import { describeWithMongo } from './support/gate.js';

const indexedFields = async (db: Db, collection: string) =>
  (await db.collection(collection).listIndexes().toArray()).map((index: Document) => ({
    fields: Object.keys(index.key as Document).join(','),
    unique: index.unique === true,
    ttl: index.expireAfterSeconds,
  }));

describeWithMongo('ensureIndexes', (url) => {
  const mongo = useMongo(url);

  it('creates every index, is idempotent, and warns at most once about TTL', async () => {
    const { db, stores, warnings, teardown } = await mongo.freshDatabase({ ensureIndexes: false });
    try {
      await stores.ensureIndexes();
      await stores.ensureIndexes();
      // None where TTL indexes work (MongoDB), one per call where they do not (FerretDB 1.x).
      expect([0, 2]).toContain(warnings.length);
      for (const w of warnings) expect(w.message).toMatch(/TTL/);
      const ttlSupported = warnings.length === 0;

      expect(await indexedFields(db, 'users')).toContainEqual(
        expect.objectContaining({ fields: 'username', unique: true }),
      );
      expect(await indexedFields(db, 'clients')).toContainEqual(
        expect.objectContaining({ fields: 'client_id', unique: true }),
      );
      const tokenIndexes = await indexedFields(db, 'tokens');
      for (const field of ['family_id', 'user_id', 'client_id', 'expires_at']) {
        expect(tokenIndexes.map((i) => i.fields)).toContain(field);
      }
      const metaIndexes = await indexedFields(db, 'token_meta');
      expect(metaIndexes.map((i) => i.fields)).toContain('expires_at');
      if (ttlSupported) {
        expect(tokenIndexes).toContainEqual(
          expect.objectContaining({ fields: 'expires_at', ttl: 0 }),
        );
        expect(metaIndexes).toContainEqual(
          expect.objectContaining({ fields: 'expires_at', ttl: 0 }),
        );
      }
    } finally {
      await teardown();
    }
  });

  it('honours overridden collection names', async () => {
    const { db, teardown } = await mongo.freshDatabase({ ensureIndexes: false });
    try {
      const stores = createMongoStores(db, {
        collections: {
          users: 'people',
          clients: 'apps',
          tokens: 'grants',
          tokenMeta: 'grant_meta',
        },
      });
      await stores.ensureIndexes();
      const user = await stores.users.create({
        username: 'zoe',
        passwordHash: '$2b$04$abcdefghijklmnopqrstuuJmZ8b9GvQ2Oc8cIC7GD4UfZ5MFeXXm.',
        createdAt: new Date(),
      });
      await stores.tokens.bumpCacheGeneration();
      expect(await db.collection('people').countDocuments()).toBe(1);
      expect(await db.collection('users').countDocuments()).toBe(0);
      expect(await db.collection('grant_meta').countDocuments()).toBe(1);
      expect((await stores.users.findById(user.id))?.username).toBe('zoe');
    } finally {
      await teardown();
    }
  });

  it('refuses to make usernames unique while stored ones repeat, and says why', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase({ ensureIndexes: false });
    try {
      // flask-sentinel never checked usernames (its issue #27), so a seed database may repeat one.
      await db.collection('users').insertMany([
        { username: 'twin', hashpw: 'x' },
        { username: 'twin', hashpw: 'y' },
      ]);
      await expect(stores.ensureIndexes()).rejects.toThrow(
        /unique index on users\.username: 1 value\(s\) occur in more than one document/,
      );
    } finally {
      await teardown();
    }
  });

  it('refuses a non-unique index where a unique one is needed', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase({ ensureIndexes: false });
    try {
      await db.collection('users').createIndex({ username: 1 });
      await expect(stores.ensureIndexes()).rejects.toThrow();
    } finally {
      await teardown();
    }
  });

  it('maps concurrent duplicate client ids and usernames to the core errors', async () => {
    const { stores, teardown } = await mongo.freshDatabase();
    try {
      const client = {
        clientId: 'dup-client',
        secretDigest: null,
        type: 'public' as const,
        grants: ['password' as const],
        scopes: [],
        name: 'dup',
        createdAt: new Date(),
      };
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => stores.clients.create(client)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DuplicateClientError);
      }
      const user = { username: 'u', passwordHash: 'h', createdAt: new Date() };
      await stores.users.create(user);
      await expect(stores.users.create(user)).rejects.toBeInstanceOf(DuplicateUsernameError);
    } finally {
      await teardown();
    }
  });
});
