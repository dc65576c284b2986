import { silentLogger } from '@sentinel/core';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createRedisClient, RedisTokenCache, waitUntilReady } from '../src/index.js';
import { describeRedis } from './redis-gate.js';
import { deleteLegacyRawKeys } from './support/contracts.js';
import { clientToken, newAccessToken, userToken } from './support/fixtures.js';
import { deletePrefix, dumpPrefix, randomPrefix } from './support/keys.js';

describeRedis('RedisTokenCache legacyRawTokenKeys', (url) => {
  let client: Redis;
  let keyPrefix: string;
  beforeEach(async () => {
    client = createRedisClient(url, { logger: silentLogger });
    await waitUntilReady(client);
    keyPrefix = randomPrefix('legacy');
  });
  afterEach(async () => {
    await deleteLegacyRawKeys(client, keyPrefix);
    await deletePrefix(client, keyPrefix);
    await client.quit();
  });

  it('issued writes the seed format: the raw token as key, the user id as value, the TTL', async () => {
    const cache = new RedisTokenCache(client, { keyPrefix, legacyRawTokenKeys: true });
    const token = newAccessToken();
    await cache.issued(token.raw, token.digest, userToken, 60_000);
    expect(await client.get(token.raw)).toBe(userToken.userId);
    const ttl = await client.pttl(token.raw);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await client.pttl(`${keyPrefix}legacy:${token.digest}`)).toBeGreaterThan(59_000);
  });

  it('revoke deletes the raw key and its mapping, and leaves a tombstone', async () => {
    const cache = new RedisTokenCache(client, { keyPrefix, legacyRawTokenKeys: true });
    const token = newAccessToken();
    await cache.issued(token.raw, token.digest, userToken, 60_000);
    await cache.add(token.digest, 0, userToken, 60_000);
    await cache.revoke([{ digest: token.digest, ttlMs: 60_000 }], 0);
    expect(await client.exists(token.raw)).toBe(0);
    expect(await client.exists(`${keyPrefix}legacy:${token.digest}`)).toBe(0);
    expect(await cache.get(token.digest, 0)).toEqual({ status: 'revoked' });
    expect(cache.pendingLegacyDeletes).toBe(0);
  });

  it('writes nothing for a token without a user (client credentials)', async () => {
    const cache = new RedisTokenCache(client, { keyPrefix, legacyRawTokenKeys: true });
    const token = newAccessToken();
    await cache.issued(token.raw, token.digest, clientToken, 60_000);
    expect(await client.exists(token.raw)).toBe(0);
    expect(await dumpPrefix(client, keyPrefix)).toEqual([]);
  });

  it('with the option off, the raw token is stored nowhere, as a key or in a value', async () => {
    const cache = new RedisTokenCache(client, { keyPrefix });
    const token = newAccessToken();
    await cache.issued(token.raw, token.digest, userToken, 60_000);
    await cache.add(token.digest, 0, userToken, 60_000);
    await cache.revoke([{ digest: token.digest, ttlMs: 60_000 }], 1);
    expect(await client.exists(token.raw)).toBe(0);
    const stored = await dumpPrefix(client, keyPrefix);
    expect(stored).toHaveLength(2);
    for (const { key, value } of stored) {
      expect(key).not.toContain(token.raw);
      expect(value).not.toContain(token.raw);
    }
  });
});
