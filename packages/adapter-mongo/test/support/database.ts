import { randomBytes } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { afterAll } from 'vitest';
import { createMongoStores, MONGO_CLIENT_DEFAULTS, type MongoStores } from '../../src/index.js';

/** A raw document with a string `_id`, spelled out for the driver's typing. */
export type StringIdDocument = { _id: string; [field: string]: unknown };

/** What a test gets: a fresh database, the stores over it, and the warnings they logged. */
export interface TestDatabase {
  readonly db: Db;
  readonly stores: MongoStores;
  readonly warnings: { fields: Record<string, unknown>; message: string }[];
  teardown(): Promise<void>;
}

/**
 * One MongoClient per test file (closed after the file's tests), and for each test a database
 * with a random name, indexed by `ensureIndexes` and dropped by `teardown`.
 */
export function useMongo(url: string) {
  let client: MongoClient | undefined;
  const connect = () => {
    client ??= new MongoClient(url, MONGO_CLIENT_DEFAULTS);
    return client;
  };
  afterAll(async () => {
    await client?.close();
  });

  return {
    client: connect,
    async freshDatabase(options: { ensureIndexes?: boolean } = {}): Promise<TestDatabase> {
      const db = connect().db(`sentinel_test_${randomBytes(6).toString('hex')}`);
      const warnings: TestDatabase['warnings'] = [];
      const stores = createMongoStores(db, {
        logger: { warn: (fields, message) => warnings.push({ fields, message }) },
      });
      if (options.ensureIndexes !== false) await stores.ensureIndexes();
      return { db, stores, warnings, teardown: () => db.dropDatabase().then(() => undefined) };
    },
  };
}
