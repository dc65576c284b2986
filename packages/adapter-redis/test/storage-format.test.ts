import { randomBytes } from 'node:crypto';
import { silentLogger } from '@sentinel/core';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createRedisClient,
  RedisAttemptLimiter,
  RedisTokenCache,
  waitUntilReady,
} from '../src/index.js';
import { describeRedis } from './redis-gate.js';
import { newAccessToken, recordingLogger, userToken } from './support/fixtures.js';
import { deletePrefix, dumpPrefix, randomPrefix } from './support/keys.js';

describeRedis('what the Redis adapters store', (url) => {
  let client: Redis;
  let keyPrefix: string;
  beforeEach(async () => {
    client = createRedisClient(url, { logger: silentLogger });
    await waitUntilReady(client);
    keyPrefix = randomPrefix('format');
  });
  afterEach(async () => {
    await deletePrefix(client, keyPrefix);
    await client.quit();
  });

  it('the cache holds the digest in the key and a compact record, never the raw token', async () => {
    const cache = new RedisTokenCache(client, { keyPrefix });
    const token = newAccessToken();
    await cache.add(token.digest, 7, userToken, 60_000);
    const stored = await dumpPrefix(client, keyPrefix);
    expect(stored.map((entry) => entry.key)).toEqual([`${keyPrefix}7:${token.digest}`]);
    const value = stored[0]?.value ?? '';
    expect(JSON.parse(value)).toEqual({
      u: userToken.userId,
      n: userToken.username,
      c: userToken.clientId,
      s: userToken.scope,
      e: userToken.expiresAt,
    });
    expect(value).not.toContain(token.raw);
    expect(stored[0]?.key).not.toContain(token.raw);
    const ttl = await client.pttl(`${keyPrefix}7:${token.digest}`);
    expect(ttl).toBeGreaterThan(59_000);
  });

  it('a tombstone is the value "r" with the TTL given', async () => {
    const cache = new RedisTokenCache(client, { keyPrefix });
    const { digest } = newAccessToken();
    await cache.revoke([{ digest, ttlMs: 30_000 }], 0);
    expect(await client.get(`${keyPrefix}0:${digest}`)).toBe('r');
    expect(await client.pttl(`${keyPrefix}0:${digest}`)).toBeGreaterThan(29_000);
  });

  it('a TTL of zero or less stores nothing', async () => {
    const cache = new RedisTokenCache(client, { keyPrefix });
    const { digest } = newAccessToken();
    await cache.add(digest, 0, userToken, 0);
    await cache.revoke([{ digest, ttlMs: -5 }], 0);
    expect(await dumpPrefix(client, keyPrefix)).toEqual([]);
  });

  it('a value it did not write is a miss, and the log shows neither key nor value', async () => {
    const logger = recordingLogger();
    const cache = new RedisTokenCache(client, { keyPrefix, logger });
    const malformed = ['garbage', '{"u":1}', '[]', '{"u":null,"n":null,"c":"x","s":[1],"e":0}'];
    for (const value of malformed) {
      const digest = randomBytes(32).toString('hex');
      await client.set(`${keyPrefix}0:${digest}`, value, 'PX', 60_000);
      expect(await cache.get(digest, 0)).toEqual({ status: 'miss' });
      for (const entry of logger.entries) {
        expect(entry).not.toContain(digest);
        expect(entry).not.toContain(value);
      }
    }
    expect(logger.entries).toHaveLength(malformed.length);
  });

  it('the limiter keeps one counter with a PTTL per key under its prefix', async () => {
    const limiter = new RedisAttemptLimiter(client, { keyPrefix });
    await limiter.hit('user:alice', 60_000);
    await limiter.hit('user:alice', 60_000);
    expect(await client.get(`${keyPrefix}user:alice`)).toBe('2');
    expect(await client.pttl(`${keyPrefix}user:alice`)).toBeGreaterThan(59_000);
  });

  it('the limiter gives a window to a counter found without one', async () => {
    const limiter = new RedisAttemptLimiter(client, { keyPrefix });
    await client.set(`${keyPrefix}stray`, '5');
    const count = await limiter.hit('stray', 10_000);
    expect(count.count).toBe(6);
    expect(count.resetInMs).toBeGreaterThan(9_000);
    expect(count.resetInMs).toBeLessThanOrEqual(10_000);
  });
});
