import { setTimeout as sleep } from 'node:timers/promises';
import { isUnavailable } from '@sentinel/core';
import { PrivateRedis, waitFor } from '@sentinel/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createRedisClient,
  RedisAttemptLimiter,
  RedisTokenCache,
  waitUntilReady,
} from '../src/index.js';
import { describeRedis } from './redis-gate.js';
import { newAccessToken, recordingLogger, userToken } from './support/fixtures.js';

/** Every call must settle within this long while Redis is away. */
const BOUND_MS = 2000;

/** Resolves with how long `call` took to reject; fails the test if it resolves instead. */
async function rejectionTime(call: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  const error = await call().then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error, 'the call should have rejected').not.toBeNull();
  expect(isUnavailable(error), `not an unavailability error: ${String(error)}`).toBe(true);
  return Date.now() - started;
}

describeRedis('Redis outage: bounded rejection and recovery without a new client', () => {
  let server: PrivateRedis;
  let client: Redis;
  const logger = recordingLogger();
  const keyPrefix = 'test:fault:';
  let cache: RedisTokenCache;
  let limiter: RedisAttemptLimiter;

  beforeAll(async () => {
    // A private server, so the shared one is never disturbed. Persistence (an append-only file)
    // lets data written before a stop be there after the restart, as on a production server.
    server = await PrivateRedis.start({ persistent: true });
    client = createRedisClient(server.url, { logger });
    await waitUntilReady(client);
    cache = new RedisTokenCache(client, { keyPrefix, legacyRawTokenKeys: true, logger });
    limiter = new RedisAttemptLimiter(client, { keyPrefix });
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.dispose();
  });

  /** Every method of both adapters, each called once. */
  const everyCall = (digest: string) => [
    () => cache.get(digest, 0),
    () => cache.add(digest, 0, userToken, 60_000),
    () => cache.revoke([{ digest, ttlMs: 60_000 }], 0),
    () => cache.issued(newAccessToken().raw, digest, userToken, 60_000),
    () => limiter.hit('alice', 60_000),
    () => limiter.peek('alice'),
    () => limiter.reset('alice'),
  ];

  it('a server that stops answering (SIGSTOP) makes every call time out, then it works', async () => {
    const { digest } = newAccessToken();
    await cache.add(digest, 0, userToken, 60_000);
    server.pause();
    try {
      const times = await Promise.all(everyCall(digest).map(rejectionTime));
      for (const ms of times) expect(ms).toBeLessThan(BOUND_MS);
      // The hung server is caught by the 500 ms command timeout, not by anything faster.
      for (const ms of times) expect(ms).toBeGreaterThanOrEqual(400);
    } finally {
      server.resume();
    }
    await waitFor('the cache to answer again', () => cache.get(digest, 0).then(() => true), 5000);
    // A timed-out command may still have run: the server executed the queued revocation when it
    // woke up. That is why the core never trusts the cache for a revocation that failed.
    expect(await cache.get(digest, 0)).toEqual({ status: 'revoked' });
  });

  it('a stopped server makes every call reject fast; after a restart the same client recovers', async () => {
    const live = newAccessToken();
    await cache.issued(live.raw, live.digest, userToken, 60_000);
    await cache.add(live.digest, 0, userToken, 60_000);
    expect(await client.get(live.raw)).toBe(userToken.userId);

    await server.stop();
    const times = await Promise.all(everyCall(newAccessToken().digest).map(rejectionTime));
    for (const ms of times) expect(ms).toBeLessThan(BOUND_MS);
    // The revocation could not reach Redis: its raw-key deletion waits in memory.
    expect(
      await rejectionTime(() => cache.revoke([{ digest: live.digest, ttlMs: 60_000 }], 0)),
    ).toBeLessThan(BOUND_MS);
    expect(cache.pendingLegacyDeletes).toBeGreaterThanOrEqual(1);
    // Stay down long enough for several reconnection attempts to fail and the backoff to grow.
    await sleep(1500);

    const clientBefore = client;
    await server.start();
    const restartedAt = Date.now();
    await waitUntilReady(client, 10_000);
    const recoveredInMs = Date.now() - restartedAt;
    expect(client).toBe(clientBefore);
    expect(recoveredInMs).toBeLessThan(3000);
    // The raw key survived the restart; the next successful call deletes it.
    expect((await server.cli('exists', live.raw)).trim()).toBe('1');

    expect(await cache.get(live.digest, 0)).toEqual({ status: 'hit', token: userToken });
    expect(cache.pendingLegacyDeletes).toBe(0);
    expect(await client.exists(live.raw)).toBe(0);

    const fresh = newAccessToken();
    await cache.add(fresh.digest, 0, userToken, 60_000);
    expect(await cache.get(fresh.digest, 0)).toEqual({ status: 'hit', token: userToken });
    await cache.revoke([{ digest: fresh.digest, ttlMs: 60_000 }], 0);
    expect(await cache.get(fresh.digest, 0)).toEqual({ status: 'revoked' });
    expect((await limiter.hit('bob', 60_000)).count).toBe(1);

    const log = logger.entries.join('\n');
    expect(log).toContain('Redis unreachable');
    expect(log).toContain('Redis connection restored');
    expect(log).not.toContain(live.raw);
    expect(log).not.toContain(fresh.raw);
  });
});
