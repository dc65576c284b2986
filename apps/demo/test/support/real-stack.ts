import { randomBytes } from 'node:crypto';
import { connectMongo, createMongoStores, type MongoStores } from '@sentinel/adapter-mongo';
import {
  createRedisClient,
  RedisAttemptLimiter,
  RedisTokenCache,
  waitUntilReady,
} from '@sentinel/adapter-redis';
import {
  createSentinel,
  InlineBcryptHasher,
  type PasswordHasher,
  type Sentinel,
  type SentinelConfigInput,
} from '@sentinel/core';
import type { OAuthEnv } from '@sentinel/http-hono';
import type { Hono } from 'hono';
import type { Redis } from 'ioredis';
import type { Db, MongoClient } from 'mongodb';
import { demoApp } from '../../src/app.js';
import { type RecordingLogger, recordingLogger } from './recording-logger.js';

/** The management credentials every stack is configured with. */
export const ADMIN = { username: 'admin', password: 'admin-password' } as const;

export interface StackOptions {
  readonly mongoUrl: string;
  readonly redisUrl: string;
  /** The database; several stacks on one name are several processes sharing one store. */
  readonly dbName: string;
  /** Prefix of every Redis key this stack writes; stacks sharing one are sharing the cache. */
  readonly redisPrefix?: string;
  readonly config?: SentinelConfigInput;
  /**
   * Default: bcrypt at cost 4 on the calling thread, to keep the tests fast. `null`: core's own
   * bcrypt worker pool at `config.bcryptCost`, as in production.
   */
  readonly hasher?: PasswordHasher | null;
  /** Threads for core's own bcrypt pool, when `hasher` is null. */
  readonly hashPoolSize?: number;
}

/**
 * One Sentinel "process" as a deployment composes it: its own MongoClient and Redis client (with
 * the adapters' bounded defaults), the Mongo stores, the Redis cache and limiter, `createSentinel`
 * and the demo's Hono app, driven in-process with `app.request()`.
 */
export interface Stack {
  readonly core: Sentinel;
  readonly app: Hono<OAuthEnv>;
  readonly mongo: MongoClient;
  readonly db: Db;
  readonly stores: MongoStores;
  readonly redis: Redis;
  /** Prefix of every Redis key this stack writes. */
  readonly redisPrefix: string;
  /** Where the cache writes: `<cachePrefix><generation>:<digest>`. */
  readonly cachePrefix: string;
  /** Everything core and the adapters logged. */
  readonly log: RecordingLogger;
  close(): Promise<void>;
}

/** A database name no other test uses. */
export function uniqueName(label: string): string {
  return `${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const log = recordingLogger();
  const { client: mongo, db } = await connectMongo(options.mongoUrl, { dbName: options.dbName });
  const stores = createMongoStores(db, { logger: log });
  await stores.ensureIndexes();
  const redis = createRedisClient(options.redisUrl, { logger: log });
  await waitUntilReady(redis);
  const prefix = options.redisPrefix ?? 'sentinel:';
  const cachePrefix = `${prefix}token:`;
  const core = createSentinel({
    users: stores.users,
    clients: stores.clients,
    tokens: stores.tokens,
    cache: new RedisTokenCache(redis, { keyPrefix: cachePrefix, logger: log }),
    limiter: new RedisAttemptLimiter(redis, { keyPrefix: `${prefix}limit:` }),
    ...(options.hasher === null ? {} : { hasher: options.hasher ?? new InlineBcryptHasher(4) }),
    ...(options.hashPoolSize === undefined ? {} : { hashPoolSize: options.hashPoolSize }),
    logger: log,
    config: { bcryptCost: 4, management: { ...ADMIN }, ...options.config },
  });
  return {
    core,
    app: demoApp(core),
    mongo,
    db,
    stores,
    redis,
    redisPrefix: prefix,
    cachePrefix,
    log,
    async close() {
      redis.disconnect();
      await Promise.allSettled([core.close(), mongo.close()]);
    },
  };
}
