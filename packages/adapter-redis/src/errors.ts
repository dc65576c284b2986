import { StoreUnavailableError } from '@sentinel/core';

/**
 * Replies that mean "Redis is there but cannot serve you right now" (a cluster without quorum, a
 * replica that became read-only during a failover, a dataset still loading, a busy script).
 */
const TRANSIENT_REPLY = /^(BUSY|CLUSTERDOWN|LOADING|MASTERDOWN|NOREPLICAS|READONLY|TRYAGAIN)\b/;

/**
 * Redis answered a command with an error that waiting will not fix (a wrong type, a missing
 * permission): a configuration problem rather than an outage.
 */
export class RedisCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisCommandError';
  }
}

/**
 * Turns whatever ioredis threw into an error that is safe to log and that the core understands:
 * a `StoreUnavailableError` for an outage (timeouts, closed connections, transient replies), a
 * `RedisCommandError` for anything else.
 *
 * The original error is deliberately not kept as `cause`: ioredis attaches the failed command and
 * its arguments to its errors, and in legacy mode one argument is a raw access token.
 */
export function redisFailure(operation: string, error: unknown): Error {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const text = `Redis ${operation} failed (${name}): ${message}`;
  if (name === 'ReplyError' && !TRANSIENT_REPLY.test(message)) return new RedisCommandError(text);
  return new StoreUnavailableError(text);
}

/** Runs one Redis operation, translating its failure with `redisFailure`. */
export async function attempt<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw redisFailure(operation, error);
  }
}
