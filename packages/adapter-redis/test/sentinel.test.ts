import { randomBytes } from 'node:crypto';
import type { CachedToken } from '@sentinel/core';
import { silentLogger } from '@sentinel/core';
import { waitFor } from '@sentinel/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRedisClient, RedisTokenCache, waitUntilReady } from '../src/index.js';
import { describeRedis } from './redis-gate.js';
import { MASTER_NAME, startSentinelGroup, type TestSentinelGroup } from './support/sentinel.js';

const token: CachedToken = {
  userId: 'user-1',
  username: 'alice',
  clientId: 'client-1',
  scope: ['read'],
  expiresAt: Date.UTC(2030, 0, 1),
};
const newDigest = () => randomBytes(32).toString('hex');

describeRedis('Redis Sentinel failover (master, replica and sentinel started by the test)', () => {
  let group: TestSentinelGroup | undefined;
  let client: Redis | undefined;
  beforeAll(async () => {
    group = await startSentinelGroup();
  });
  afterAll(async () => {
    client?.disconnect();
    await group?.stop();
  });

  it('keeps working through the same client after the master dies and the replica is promoted', async () => {
    if (!group) throw new Error('the Sentinel group did not start');
    const { master, replica, sentinel } = group;
    client = createRedisClient({
      sentinels: [{ host: '127.0.0.1', port: sentinel.port }],
      name: MASTER_NAME,
      logger: silentLogger,
    });
    await waitUntilReady(client);
    const cache = new RedisTokenCache(client, { keyPrefix: 'test:sentinel:' });

    const before = newDigest();
    await cache.add(before, 0, token, 60_000);
    // Redis replicates asynchronously; WAIT makes the write acknowledged by the replica, which is
    // what lets it survive the failover.
    expect(await client.wait(1, 2000)).toBe(1);

    await master.kill();
    const killedAt = Date.now();
    await expect(cache.get(before, 0)).rejects.toThrow();

    await waitFor('the cache to answer again', () => cache.get(before, 0).then(() => true), 20_000);
    const recoveredInMs = Date.now() - killedAt;
    expect(await group.masterPort()).toBe(replica.port);
    expect(await client.info('server')).toContain(`tcp_port:${replica.port}`);

    expect(await cache.get(before, 0)).toEqual({ status: 'hit', token });
    const after = newDigest();
    await cache.add(after, 0, token, 60_000);
    expect(await cache.get(after, 0)).toEqual({ status: 'hit', token });
    await cache.revoke([{ digest: before, ttlMs: 60_000 }], 0);
    expect(await cache.get(before, 0)).toEqual({ status: 'revoked' });
    expect(recoveredInMs).toBeLessThan(20_000);
  });
});
