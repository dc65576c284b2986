import type { Cluster, Redis } from 'ioredis';

/**
 * The ioredis client an adapter talks through: a standalone or Sentinel-managed `Redis`, or a
 * `Cluster`. Every adapter command touches one key, so every one of them works on a Cluster.
 */
export type RedisConnection = Redis | Cluster;
