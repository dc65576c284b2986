import { isUnavailable, StoreUnavailableError } from '@sentinel/core';
import { tokenRecord } from '@sentinel/core/testing';
import { freePort, PrivateFerretDb } from '@sentinel/test-support';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  connectMongo,
  createMongoStores,
  MONGO_CLIENT_DEFAULTS,
  type MongoStores,
} from '../src/index.js';
import { describeWithFerretDb } from './support/gate.js';

/** What "bounded" means here: the driver gives up after serverSelectionTimeoutMS (2 s). */
const BOUND_MS = 5_000;

/** Runs a call that must fail, and returns its error and how long it took. */
async function failure(call: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  const error = await call().then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  return { error, ms: Date.now() - started };
}

describeWithFerretDb(
  'MongoDB outage and recovery (a private FerretDB, stopped and restarted)',
  (binary) => {
    let server: PrivateFerretDb;
    let client: MongoClient;
    let stores: MongoStores;

    beforeAll(async () => {
      server = await PrivateFerretDb.start(binary);
      client = new MongoClient(server.url, MONGO_CLIENT_DEFAULTS);
      stores = createMongoStores(client.db('oauth'), { logger: { warn() {} } });
      await stores.ensureIndexes();
    });

    afterAll(async () => {
      await client?.close();
      await server?.dispose();
    });

    it('calls reject quickly as unavailable while the server is down, then the same client recovers', async () => {
      const user = await stores.users.create({
        username: 'survivor',
        passwordHash: '$2b$04$abcdefghijklmnopqrstuuJmZ8b9GvQ2Oc8cIC7GD4UfZ5MFeXXm.',
        createdAt: new Date(),
      });
      const token = tokenRecord();
      await stores.tokens.save([token]);

      await server.stop();
      const calls = [
        () => stores.users.findByUsername('survivor'),
        () => stores.clients.find('anything'),
        () => stores.tokens.find(token.digest),
        () => stores.tokens.save([tokenRecord()]),
        () => stores.tokens.bumpCacheGeneration(),
      ];
      for (const call of calls) {
        const { error, ms } = await failure(call);
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect(isUnavailable(error)).toBe(true);
        expect(ms).toBeLessThan(BOUND_MS);
      }

      await server.start();
      const deadline = Date.now() + 15_000;
      let found = null;
      while (found === null && Date.now() < deadline) {
        found = await stores.users.findById(user.id).catch((error: unknown) => {
          if (!isUnavailable(error)) throw error;
          return null;
        });
      }
      expect(found).toEqual(user);
      expect(await stores.tokens.find(token.digest)).toEqual(token);
    });

    it('connectMongo rejects within the bound, as unavailable, when nothing listens', async () => {
      const port = await freePort();
      const { error, ms } = await failure(() =>
        connectMongo(`mongodb://127.0.0.1:${port}/`, { dbName: 'oauth' }),
      );
      expect(isUnavailable(error)).toBe(true);
      expect(ms).toBeLessThan(BOUND_MS);
    });
  },
);
