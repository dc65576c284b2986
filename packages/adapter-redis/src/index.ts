/**
 * `@sentinel/adapter-redis`: the token cache and the attempt limiter on Redis (standalone,
 * Sentinel or Cluster, through ioredis), and helpers that build clients with bounded timeouts.
 */

export { RedisAttemptLimiter, type RedisAttemptLimiterOptions } from './attempt-limiter.js';
export {
  type CreateRedisClientOptions,
  type CreateRedisClusterOptions,
  createRedisClient,
  createRedisCluster,
  type LoggerOption,
  logConnectionEvents,
  reconnectDelay,
  SAFE_REDIS_OPTIONS,
  waitUntilReady,
} from './client.js';
export type { RedisConnection } from './connection.js';
export { RedisCommandError } from './errors.js';
export { RedisTokenCache, type RedisTokenCacheOptions } from './token-cache.js';
