import { consoleLogger, type Logger } from '@sentinel/core';
import { Cluster, type ClusterNode, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import type { RedisConnection } from './connection.js';

/**
 * Delay before reconnection attempt `attempt` (1, 2, …): 100 ms doubling up to 2 s, forever.
 * A client therefore comes back on its own, within about 2 s of Redis returning.
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.max(attempt - 1, 0), 2000);
}

/**
 * Options that make every command settle quickly when Redis is away: no offline queue (a command
 * sent while disconnected rejects at once), a 500 ms command timeout (a server that accepts the
 * connection but does not answer), a 1 s connect timeout and one retry per command.
 */
export const SAFE_REDIS_OPTIONS = {
  commandTimeout: 500,
  connectTimeout: 1000,
  sentinelCommandTimeout: 500,
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  retryStrategy: reconnectDelay,
} as const satisfies RedisOptions;

export interface LoggerOption {
  /** Told once when the connection is lost and once when it is back. Default: JSON on stderr. */
  readonly logger?: Logger;
}

export type CreateRedisClientOptions = RedisOptions & LoggerOption;

/**
 * A standalone or Sentinel `Redis` with `SAFE_REDIS_OPTIONS`; any option given overrides them.
 * Pass a URL (`redis://[:password@]host:port/db`), or options alone for Sentinel:
 * `createRedisClient({ sentinels: [{ host, port }], name: 'mymaster' })`.
 *
 * With no offline queue, commands sent before the first connection is ready reject; await
 * `waitUntilReady` at start-up if that matters.
 */
export function createRedisClient(url: string, options?: CreateRedisClientOptions): Redis;
export function createRedisClient(options: CreateRedisClientOptions): Redis;
export function createRedisClient(
  urlOrOptions: string | CreateRedisClientOptions,
  options: CreateRedisClientOptions = {},
): Redis {
  const { logger = consoleLogger, ...redisOptions } =
    typeof urlOrOptions === 'string' ? options : urlOrOptions;
  const merged = { ...SAFE_REDIS_OPTIONS, ...redisOptions };
  const client =
    typeof urlOrOptions === 'string' ? new Redis(urlOrOptions, merged) : new Redis(merged);
  logConnectionEvents(client, logger);
  return client;
}

export type CreateRedisClusterOptions = ClusterOptions & LoggerOption;

/**
 * A `Cluster` with the same bounds: no offline queue, capped reconnection, a 1 s slot refresh
 * timeout, and the command and connect timeouts of `SAFE_REDIS_OPTIONS` on every node.
 */
export function createRedisCluster(
  nodes: ClusterNode[],
  options: CreateRedisClusterOptions = {},
): Cluster {
  const { logger = consoleLogger, redisOptions, ...clusterOptions } = options;
  const cluster = new Cluster(nodes, {
    enableOfflineQueue: false,
    clusterRetryStrategy: reconnectDelay,
    slotsRefreshTimeout: 1000,
    ...clusterOptions,
    redisOptions: {
      commandTimeout: SAFE_REDIS_OPTIONS.commandTimeout,
      connectTimeout: SAFE_REDIS_OPTIONS.connectTimeout,
      maxRetriesPerRequest: SAFE_REDIS_OPTIONS.maxRetriesPerRequest,
      ...redisOptions,
    },
  });
  logConnectionEvents(cluster, logger);
  return cluster;
}

/**
 * Logs one warning when the connection is lost or cannot be made, and one line when it is ready
 * again, instead of ioredis's default of printing every failed reconnection. Only an error's name
 * and message are logged (ioredis attaches command arguments to its errors).
 */
export function logConnectionEvents(client: RedisConnection, logger: Logger): void {
  let down = false;
  const lost = (err: Record<string, unknown>) => {
    if (down) return;
    down = true;
    logger.warn({ err }, 'Redis unreachable; reconnecting');
  };
  client.on('error', (error: unknown) =>
    lost(error instanceof Error ? { name: error.name, message: error.message } : {}),
  );
  client.on('reconnecting', () => lost({ message: 'connection lost' }));
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info({}, 'Redis connection restored');
  });
}

/**
 * Resolves when the client is connected and ready for commands; rejects after `timeoutMs`
 * (default 5 s) or if the client is closed for good.
 */
export function waitUntilReady(client: RedisConnection, timeoutMs = 5000): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('end', onEnd);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => finish();
    const onEnd = () => finish(new Error('Redis client closed before it was ready'));
    const timer = setTimeout(
      () => finish(new Error(`Redis not ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    client.on('ready', onReady);
    client.on('end', onEnd);
  });
}
