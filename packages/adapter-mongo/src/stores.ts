import type { Logger } from '@sentinel/core';
import type { Db } from 'mongodb';
import { MongoClientStore } from './client-store.js';
import { type CollectionNames, DEFAULT_COLLECTIONS } from './collections.js';
import { MongoTokenStore } from './token-store.js';
import { MongoUserStore } from './user-store.js';

export interface MongoStoresOptions {
  /** Collection names to use instead of the defaults (`users`, `clients`, `tokens`, `token_meta`). */
  readonly collections?: Partial<CollectionNames>;
  /** Receives the one warning `ensureIndexes` gives when the server refuses TTL indexes. */
  readonly logger?: Pick<Logger, 'warn'>;
}

export interface MongoStores {
  readonly users: MongoUserStore;
  readonly clients: MongoClientStore;
  readonly tokens: MongoTokenStore;
  /** Creates every index the stores rely on. Idempotent: call it at every start. */
  ensureIndexes(): Promise<void>;
}

/**
 * The three stores over one database (flask-sentinel's was `oauth`, see `DEFAULT_DATABASE_NAME`).
 * Call `ensureIndexes` before serving: the uniqueness of usernames, client ids and redemptions
 * rests on the indexes it creates.
 */
export function createMongoStores(db: Db, options: MongoStoresOptions = {}): MongoStores {
  const names = { ...DEFAULT_COLLECTIONS, ...options.collections };
  const users = new MongoUserStore(db, { collection: names.users });
  const clients = new MongoClientStore(db, { collection: names.clients });
  const tokens = new MongoTokenStore(db, {
    collection: names.tokens,
    metaCollection: names.tokenMeta,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    users,
    clients,
    tokens,
    async ensureIndexes() {
      await users.ensureIndexes();
      await clients.ensureIndexes();
      await tokens.ensureIndexes();
    },
  };
}
