import type { AttemptCount, AttemptLimiter } from '@sentinel/core';
import type { RedisConnection } from './connection.js';
import { attempt, RedisCommandError } from './errors.js';
import { LuaScript } from './lua-script.js';

/**
 * Counts one failure and returns {count, PTTL}. The window starts with the key: PEXPIRE runs only
 * when INCR created it, so later hits never extend the window. A key found without any expiry
 * (written by something else) gets one too, so no key can lock forever.
 */
const HIT = new LuaScript(`
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return {count, redis.call('PTTL', KEYS[1])}
`);

/** Reads {count, PTTL} in one step, so the two always describe the same window. */
const PEEK = new LuaScript(`
local value = redis.call('GET', KEYS[1])
if not value then return {0, 0} end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = 0 end
return {tonumber(value) or 0, ttl}
`);

export interface RedisAttemptLimiterOptions {
  /** Prepended to every key. Default `sentinel:limit:`. */
  readonly keyPrefix?: string;
}

/**
 * `AttemptLimiter` on Redis: one counter key per limiter key, updated by a Lua script, so hits
 * from any number of processes are counted exactly (Redis runs a script as one step). Each call
 * touches one key, so it works on a Cluster. Failures become `StoreUnavailableError`.
 */
export class RedisAttemptLimiter implements AttemptLimiter {
  readonly #prefix: string;

  constructor(
    private readonly client: RedisConnection,
    options: RedisAttemptLimiterOptions = {},
  ) {
    this.#prefix = options.keyPrefix ?? 'sentinel:limit:';
  }

  async hit(key: string, windowMs: number): Promise<AttemptCount> {
    if (!Number.isFinite(windowMs) || windowMs <= 0) {
      throw new RangeError('windowMs must be a positive number of milliseconds');
    }
    const window = Math.ceil(windowMs);
    const reply = await attempt('limiter hit', () =>
      HIT.run(this.client, this.#key(key), [window]),
    );
    return toCount(reply);
  }

  async peek(key: string): Promise<AttemptCount> {
    const reply = await attempt('limiter peek', () => PEEK.run(this.client, this.#key(key)));
    return toCount(reply);
  }

  async reset(key: string): Promise<void> {
    await attempt('limiter reset', () => this.client.del(this.#key(key)));
  }

  #key(key: string): string {
    return `${this.#prefix}${key}`;
  }
}

/**
 * Reads a script's {count, PTTL} reply; a negative PTTL means no window. Any other shape is an
 * error rather than a zero, so that a broken limiter never silently stops locking out.
 */
function toCount(reply: unknown): AttemptCount {
  const [count, ttl] = Array.isArray(reply) ? reply : [];
  if (typeof count !== 'number' || typeof ttl !== 'number') {
    throw new RedisCommandError('Redis limiter script returned an unexpected reply');
  }
  return { count, resetInMs: Math.max(ttl, 0) };
}
