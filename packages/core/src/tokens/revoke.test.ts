import { describe, expect, it } from 'vitest';
import { tokenRecord } from '../testing/contracts/token-store.js';
import { createMemorySentinel } from '../testing/memory-sentinel.js';

async function withToken(cache: boolean) {
  const world = createMemorySentinel({ cache });
  const now = world.clock.now();
  const token = tokenRecord({
    userId: 'u1',
    issuedAt: new Date(now),
    expiresAt: new Date(now + 60_000),
  });
  await world.tokens.save([token]);
  return { ...world, token };
}

describe('revocation and the cache', () => {
  it('tombstones revoked tokens in a reachable cache, leaving the generation alone', async () => {
    const { sentinel, tokens, cache, token } = await withToken(true);
    await sentinel.revoke.user('u1');
    expect(await cache.get(token.digest, 0)).toEqual({ status: 'revoked' });
    expect(await tokens.cacheGeneration()).toBe(0);
  });

  it('bumps the generation when the cache cannot be reached', async () => {
    const { sentinel, tokens, cache, token } = await withToken(true);
    cache.reachable = false;
    await sentinel.revoke.user('u1');
    expect(await tokens.cacheGeneration()).toBe(1);
    expect((await tokens.find(token.digest))?.revokedAt).not.toBeNull();
  });

  it('a process without a cache bumps the generation, for the processes that have one', async () => {
    const { sentinel, tokens } = await withToken(false);
    await sentinel.revoke.user('u1');
    expect(await tokens.cacheGeneration()).toBe(1);
    // Nothing live was revoked this time: nothing to retire.
    await sentinel.revoke.user('u1');
    expect(await tokens.cacheGeneration()).toBe(1);
  });
});
