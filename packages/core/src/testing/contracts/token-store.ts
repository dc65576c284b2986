import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TokenRecord } from '../../domain/token.js';
import type { TokenStore } from '../../ports/token-store.js';
import type { ContractSetup } from './setup.js';

/**
 * A year from now, to the second: far enough ahead that a real MongoDB's TTL monitor never
 * removes the test's "expired" tokens before `purgeExpired` runs, whatever the date today.
 */
const T0 = Math.floor((Date.now() + 365 * 24 * 3600 * 1000) / 1000) * 1000;

/** A token record with random digest and family, for tests. */
export function tokenRecord(over: Partial<TokenRecord> = {}): TokenRecord {
  return {
    digest: randomBytes(32).toString('hex'),
    kind: 'access',
    familyId: randomBytes(16).toString('hex'),
    clientId: 'client-1',
    userId: 'user-1',
    scope: ['read'],
    issuedAt: new Date(T0),
    expiresAt: new Date(T0 + 3600_000),
    revokedAt: null,
    consumedAt: null,
    pairedDigest: null,
    ...over,
  };
}

/** The `TokenStore` contract (see its JSDoc). Each test gets a fresh, empty store. */
export function tokenStoreContract(name: string, setup: ContractSetup<TokenStore>): void {
  describe(`TokenStore contract: ${name}`, () => {
    const withStore = async (fn: (store: TokenStore) => Promise<void>) => {
      const { store, teardown } = await setup();
      try {
        await fn(store);
      } finally {
        await teardown?.();
      }
    };
    const at = new Date(T0 + 60_000);

    it('save then find returns every field; unknown digests are null', () =>
      withStore(async (store) => {
        const access = tokenRecord({ scope: ['read', 'write'] });
        const refresh = tokenRecord({
          kind: 'refresh',
          familyId: access.familyId,
          pairedDigest: access.digest,
          userId: null,
          scope: [],
        });
        await store.save([access, refresh]);
        expect(await store.find(access.digest)).toEqual(access);
        expect(await store.find(refresh.digest)).toEqual(refresh);
        expect(await store.find('0'.repeat(64))).toBeNull();
      }));

    it('save rejects a digest that exists', () =>
      withStore(async (store) => {
        const token = tokenRecord();
        await store.save([token]);
        await expect(store.save([token])).rejects.toThrow();
      }));

    it('redeem wins once, then reports a replay; access tokens are not redeemable', () =>
      withStore(async (store) => {
        const access = tokenRecord();
        const refresh = tokenRecord({ kind: 'refresh', familyId: access.familyId });
        await store.save([access, refresh]);
        const first = await store.redeem(refresh.digest, at);
        expect(first.outcome).toBe('redeemed');
        if (first.outcome === 'redeemed') {
          expect(first.token.digest).toBe(refresh.digest);
          expect(first.token.consumedAt?.getTime()).toBe(at.getTime());
        }
        const second = await store.redeem(refresh.digest, new Date(T0 + 120_000));
        expect(second.outcome).toBe('replayed');
        expect((await store.find(refresh.digest))?.consumedAt?.getTime()).toBe(at.getTime());
        expect(await store.redeem(access.digest, at)).toEqual({ outcome: 'unknown' });
        expect(await store.redeem('f'.repeat(64), at)).toEqual({ outcome: 'unknown' });
      }));

    it('of 20 concurrent redemptions of one refresh token exactly one wins', () =>
      withStore(async (store) => {
        const refresh = tokenRecord({ kind: 'refresh' });
        await store.save([refresh]);
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.redeem(refresh.digest, new Date(T0 + i))),
        );
        expect(results.filter((r) => r.outcome === 'redeemed')).toHaveLength(1);
        expect(results.filter((r) => r.outcome === 'replayed')).toHaveLength(19);
      }));

    it('revoke marks one token and returns it once', () =>
      withStore(async (store) => {
        const a = tokenRecord();
        const b = tokenRecord({ familyId: a.familyId });
        await store.save([a, b]);
        expect(await store.revoke(a.digest, at)).toEqual([
          { digest: a.digest, expiresAt: a.expiresAt },
        ]);
        expect(await store.revoke(a.digest, at)).toEqual([]);
        expect((await store.find(a.digest))?.revokedAt?.getTime()).toBe(at.getTime());
        expect((await store.find(b.digest))?.revokedAt).toBeNull();
      }));

    it('revokeFamily revokes the family, including tokens saved into it later', () =>
      withStore(async (store) => {
        const a = tokenRecord();
        const b = tokenRecord({ kind: 'refresh', familyId: a.familyId });
        const other = tokenRecord();
        await store.save([a, b, other]);
        const revoked = await store.revokeFamily(a.familyId, at);
        expect(revoked.map((r) => r.digest).sort()).toEqual([a.digest, b.digest].sort());
        expect(await store.revokeFamily(a.familyId, at)).toEqual([]);
        const late = tokenRecord({ familyId: a.familyId });
        await store.save([late]);
        expect((await store.find(late.digest))?.revokedAt).not.toBeNull();
        expect((await store.find(other.digest))?.revokedAt).toBeNull();
      }));

    it('revokeUser and revokeClient revoke exactly their tokens', () =>
      withStore(async (store) => {
        const mine = tokenRecord({ userId: 'u1', clientId: 'c1' });
        const mine2 = tokenRecord({ userId: 'u1', clientId: 'c2' });
        const theirs = tokenRecord({ userId: 'u2', clientId: 'c2' });
        const clientOnly = tokenRecord({ userId: null, clientId: 'c3' });
        await store.save([mine, mine2, theirs, clientOnly]);
        const byUser = await store.revokeUser('u1', at);
        expect(byUser.map((r) => r.digest).sort()).toEqual([mine.digest, mine2.digest].sort());
        expect((await store.find(theirs.digest))?.revokedAt).toBeNull();
        const byClient = await store.revokeClient('c2', at);
        expect(byClient.map((r) => r.digest)).toEqual([theirs.digest]);
        expect(await store.revokeClient('c3', at)).toEqual([
          { digest: clientOnly.digest, expiresAt: clientOnly.expiresAt },
        ]);
      }));

    it('purgeExpired removes only expired tokens', () =>
      withStore(async (store) => {
        const old = tokenRecord({ expiresAt: new Date(T0 - 1) });
        const live = tokenRecord();
        await store.save([old, live]);
        expect(await store.purgeExpired(new Date(T0))).toBe(1);
        expect(await store.find(old.digest)).toBeNull();
        expect(await store.find(live.digest)).toEqual(live);
      }));

    it('the cache generation starts at 0 and counts concurrent bumps', () =>
      withStore(async (store) => {
        expect(await store.cacheGeneration()).toBe(0);
        const bumps = await Promise.all(
          Array.from({ length: 10 }, () => store.bumpCacheGeneration()),
        );
        expect(bumps.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(await store.cacheGeneration()).toBe(10);
      }));
  });
}
