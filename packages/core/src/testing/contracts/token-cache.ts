import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CachedToken, TokenCache } from '../../ports/token-cache.js';
import { type ContractSetup, sleep } from './setup.js';

const entry = (over: Partial<CachedToken> = {}): CachedToken => ({
  userId: 'user-1',
  username: 'alice',
  clientId: 'client-1',
  scope: ['read', 'write'],
  expiresAt: Date.UTC(2030, 0, 1),
  ...over,
});
const newDigest = () => randomBytes(32).toString('hex');

/** The `TokenCache` contract (see its JSDoc). TTL checks sleep for about a second in all. */
export function tokenCacheContract(name: string, setup: ContractSetup<TokenCache>): void {
  describe(`TokenCache contract: ${name}`, () => {
    const withCache = async (fn: (cache: TokenCache) => Promise<void>) => {
      const { store, teardown } = await setup();
      try {
        await fn(store);
      } finally {
        await teardown?.();
      }
    };

    it('get misses, add then hits with every field', () =>
      withCache(async (cache) => {
        const d = newDigest();
        expect(await cache.get(d, 0)).toEqual({ status: 'miss' });
        await cache.add(d, 0, entry(), 60_000);
        expect(await cache.get(d, 0)).toEqual({ status: 'hit', token: entry() });
        const clientToken = entry({ userId: null, username: null, scope: [] });
        const d2 = newDigest();
        await cache.add(d2, 0, clientToken, 60_000);
        expect(await cache.get(d2, 0)).toEqual({ status: 'hit', token: clientToken });
      }));

    it('add never overwrites what is stored', () =>
      withCache(async (cache) => {
        const d = newDigest();
        await cache.add(d, 0, entry(), 60_000);
        await cache.add(d, 0, entry({ username: 'mallory' }), 60_000);
        expect(await cache.get(d, 0)).toEqual({ status: 'hit', token: entry() });
      }));

    it('revoke leaves a tombstone that add cannot replace', () =>
      withCache(async (cache) => {
        const a = newDigest();
        const b = newDigest();
        await cache.add(a, 0, entry(), 60_000);
        await cache.revoke(
          [
            { digest: a, ttlMs: 60_000 },
            { digest: b, ttlMs: 60_000 },
          ],
          0,
        );
        expect(await cache.get(a, 0)).toEqual({ status: 'revoked' });
        expect(await cache.get(b, 0)).toEqual({ status: 'revoked' });
        await cache.add(b, 0, entry(), 60_000);
        expect(await cache.get(b, 0)).toEqual({ status: 'revoked' });
      }));

    it('generations do not see each other', () =>
      withCache(async (cache) => {
        const d = newDigest();
        await cache.add(d, 3, entry(), 60_000);
        expect(await cache.get(d, 4)).toEqual({ status: 'miss' });
        await cache.revoke([{ digest: d, ttlMs: 60_000 }], 4);
        expect(await cache.get(d, 3)).toEqual({ status: 'hit', token: entry() });
      }));

    it('entries and tombstones expire after their TTL', () =>
      withCache(async (cache) => {
        const a = newDigest();
        const b = newDigest();
        await cache.add(a, 0, entry(), 300);
        await cache.revoke([{ digest: b, ttlMs: 300 }], 0);
        expect((await cache.get(a, 0)).status).toBe('hit');
        await sleep(700);
        expect(await cache.get(a, 0)).toEqual({ status: 'miss' });
        expect(await cache.get(b, 0)).toEqual({ status: 'miss' });
      }));

    it('issued accepts a new access token', () =>
      withCache(async (cache) => {
        await expect(
          cache.issued(randomBytes(32).toString('base64url'), newDigest(), entry(), 60_000),
        ).resolves.toBeUndefined();
      }));
  });
}
