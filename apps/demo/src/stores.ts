import { connectMongo, createMongoStores, DEFAULT_DATABASE_NAME } from '@sentinel/adapter-mongo';
import {
  createRedisClient,
  RedisAttemptLimiter,
  RedisTokenCache,
  waitUntilReady,
} from '@sentinel/adapter-redis';
import type { Logger, SentinelOptions } from '@sentinel/core';
import {
  MemoryAttemptLimiter,
  MemoryClientStore,
  MemoryTokenStore,
  MemoryUserStore,
} from '@sentinel/core/testing';
import type { DemoEnv } from './env.js';

export interface Stores {
  readonly ports: Pick<SentinelOptions, 'users' | 'clients' | 'tokens' | 'cache' | 'limiter'>;
  /** A line for the start-up banner saying where data lives. */
  readonly description: string;
  close(): Promise<void>;
}

export interface StoreSettings {
  /** `SENTINEL_MONGO_URI`: users, clients and tokens in MongoDB instead of memory. */
  readonly mongoUri?: string;
  /** `SENTINEL_MONGO_DBNAME`, default `oauth` as in the seed. */
  readonly mongoDbName?: string;
  /** `SENTINEL_REDIS_URL`: the token cache and the attempt limiter in Redis. */
  readonly redisUrl?: string;
  /** `SENTINEL_REDIS_LEGACY_KEYS=true`: also write the seed's raw-token keys (see the README). */
  readonly legacyRawTokenKeys?: boolean;
}

/** The store settings in the demo's environment. */
export function storeSettings(env: DemoEnv): StoreSettings {
  return {
    mongoUri: env.SENTINEL_MONGO_URI,
    mongoDbName: env.SENTINEL_MONGO_DBNAME,
    redisUrl: env.SENTINEL_REDIS_URL,
    legacyRawTokenKeys: env.SENTINEL_REDIS_LEGACY_KEYS,
  };
}

/**
 * Builds the stores the settings ask for: in memory by default, MongoDB with a URI, and the
 * Redis cache and limiter with a Redis URL (either may be used without the other).
 */
export async function openStores(settings: StoreSettings, logger: Logger): Promise<Stores> {
  const closers: (() => Promise<unknown>)[] = [];
  const described: string[] = [];
  let ports: Stores['ports'];

  if (settings.mongoUri !== undefined) {
    const dbName = settings.mongoDbName ?? DEFAULT_DATABASE_NAME;
    const { client, db } = await connectMongo(settings.mongoUri, { dbName });
    closers.push(() => client.close());
    const mongo = createMongoStores(db, { logger });
    await mongo.ensureIndexes();
    ports = { users: mongo.users, clients: mongo.clients, tokens: mongo.tokens };
    described.push(`MongoDB database "${dbName}"`);
  } else {
    ports = {
      users: new MemoryUserStore(),
      clients: new MemoryClientStore(),
      tokens: new MemoryTokenStore(),
    };
    described.push('in memory (data is lost at exit)');
  }

  if (settings.redisUrl !== undefined) {
    const redis = createRedisClient(settings.redisUrl, { logger });
    closers.push(async () => redis.disconnect());
    // Start even if Redis is away: Sentinel works without its cache and uses it once it is back.
    await waitUntilReady(redis, 2000).catch(() => {
      logger.warn({}, 'Redis is not reachable yet; starting without the cache for now');
    });
    ports = {
      ...ports,
      cache: new RedisTokenCache(redis, {
        legacyRawTokenKeys: settings.legacyRawTokenKeys === true,
        logger,
      }),
      limiter: new RedisAttemptLimiter(redis),
    };
    described.push('Redis token cache and attempt limiter');
  } else {
    ports = { ...ports, limiter: new MemoryAttemptLimiter() };
  }

  return {
    ports,
    description: described.join(', '),
    close: async () => {
      await Promise.allSettled(closers.map((close) => close()));
    },
  };
}
