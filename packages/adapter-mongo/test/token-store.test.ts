import { DuplicateTokenError, digest, generateToken, type TokenRecord } from '@sentinel/core';
import { tokenRecord } from '@sentinel/core/testing';
import type { Document } from 'mongodb';
import { expect, it } from 'vitest';
import { MongoTokenStore } from '../src/index.js';
import { type StringIdDocument, useMongo } from './support/database.js';
import { describeWithMongo } from './support/gate.js';

const HEX64 = /^[0-9a-f]{64}$/;
const T0 = Date.UTC(2030, 0, 1);

/** Every string anywhere in a document, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value as Document).flatMap(([k, v]) =>
      strings(v, path ? `${path}.${k}` : k),
    );
  }
  return [];
}

describeWithMongo('MongoTokenStore beyond the contract', (url) => {
  const mongo = useMongo(url);

  it('stores digests only: no raw token appears in any document', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase();
    try {
      const rawAccess = generateToken();
      const rawRefresh = generateToken();
      const access = tokenRecord({ digest: digest(rawAccess) });
      const refresh = tokenRecord({
        kind: 'refresh',
        digest: digest(rawRefresh),
        familyId: access.familyId,
        pairedDigest: access.digest,
      });
      await stores.tokens.save([access, refresh]);
      await stores.tokens.redeem(refresh.digest, new Date(T0));
      await stores.tokens.revokeFamily(access.familyId, new Date(T0));

      const tokens = await db.collection('tokens').find({}).toArray();
      expect(tokens).toHaveLength(2);
      for (const document of tokens) {
        expect(document._id).toMatch(HEX64);
        if (document.paired_digest !== null) expect(document.paired_digest).toMatch(HEX64);
      }
      const meta = await db.collection('token_meta').find({}).toArray();
      expect(meta.map((m) => m._id).sort()).toEqual(
        [`family:${access.familyId}`, `redeem:${refresh.digest}`].sort(),
      );
      for (const [path, value] of [...tokens, ...meta].flatMap((d) => strings(d))) {
        expect(value, path).not.toContain(rawAccess);
        expect(value, path).not.toContain(rawRefresh);
      }
    } finally {
      await teardown();
    }
  });

  it('save is all or nothing when one digest exists', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase();
    try {
      const existing = tokenRecord();
      await stores.tokens.save([existing]);
      const fresh = [tokenRecord(), tokenRecord()];
      await expect(stores.tokens.save([...fresh, existing])).rejects.toBeInstanceOf(
        DuplicateTokenError,
      );
      for (const record of fresh) expect(await stores.tokens.find(record.digest)).toBeNull();
      expect(await db.collection('tokens').countDocuments()).toBe(1);
    } finally {
      await teardown();
    }
  });

  it('a token saved into a revoked family carries revoked_at in its own document', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase();
    try {
      const first = tokenRecord();
      await stores.tokens.save([first]);
      const at = new Date(T0 + 5_000);
      await stores.tokens.revokeFamily(first.familyId, at);
      const late: TokenRecord = tokenRecord({ familyId: first.familyId });
      await stores.tokens.save([late]);
      const document = await db
        .collection<StringIdDocument>('tokens')
        .findOne({ _id: late.digest });
      expect((document?.revoked_at as Date | undefined)?.getTime()).toBe(at.getTime());
    } finally {
      await teardown();
    }
  });

  it('a redemption counts from its marker even before the token document says so', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase();
    try {
      const refresh = tokenRecord({ kind: 'refresh' });
      await stores.tokens.save([refresh]);
      // As if the winner stopped between inserting its marker and updating the token.
      const at = new Date(T0 + 7_000);
      await db.collection<StringIdDocument>('token_meta').insertOne({
        _id: `redeem:${refresh.digest}`,
        kind: 'redeem',
        consumed_at: at,
        expires_at: refresh.expiresAt,
      });
      expect((await stores.tokens.find(refresh.digest))?.consumedAt?.getTime()).toBe(at.getTime());
      const result = await stores.tokens.redeem(refresh.digest, new Date(T0 + 9_000));
      expect(result.outcome).toBe('replayed');
      if (result.outcome === 'replayed')
        expect(result.token.consumedAt?.getTime()).toBe(at.getTime());
    } finally {
      await teardown();
    }
  });

  it('purgeExpired removes the markers of purged tokens, never the cache generation', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase();
    try {
      const old = tokenRecord({ kind: 'refresh', expiresAt: new Date(T0 - 1) });
      await stores.tokens.save([old]);
      await stores.tokens.redeem(old.digest, new Date(T0 - 10));
      await stores.tokens.revokeFamily(old.familyId, new Date(T0 - 10));
      await stores.tokens.bumpCacheGeneration();
      expect(await db.collection('token_meta').countDocuments()).toBe(3);
      expect(await stores.tokens.purgeExpired(new Date(T0))).toBe(1);
      expect((await db.collection('token_meta').find({}).toArray()).map((d) => d._id)).toEqual([
        'generation:0000000000000001',
      ]);
      expect(await stores.tokens.cacheGeneration()).toBe(1);
    } finally {
      await teardown();
    }
  });

  it('two stores on one database (two processes) share one cache generation', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase();
    try {
      const other = new MongoTokenStore(db);
      const bumps = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 === 0 ? stores.tokens : other).bumpCacheGeneration(),
        ),
      );
      expect(bumps.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(await other.cacheGeneration()).toBe(12);
      expect(await stores.tokens.cacheGeneration()).toBe(12);
    } finally {
      await teardown();
    }
  });
});
