import { randomBytes } from 'node:crypto';
import { digest } from '@sentinel/core';
import { tokenRecord } from '@sentinel/core/testing';
import { compare } from 'bcryptjs';
import { Binary, ObjectId } from 'mongodb';
import { expect, it } from 'vitest';
import { useMongo } from './support/database.js';
import { describeWithMongo } from './support/gate.js';

/**
 * A real flask-sentinel hash: Python's `bcrypt.hashpw(PASSWORD, bcrypt.gensalt(12))` (python3-bcrypt
 * 3.2.2), the call the seed made, so `$2b$` at cost 12.
 */
const PASSWORD = 'correct horse battery staple';
const SEED_HASH = '$2b$12$Qy0przPs2crx1XfPW3hAVerU3rgC2./m9g/WngePM6BKdPjFk3gNG';

/** An ObjectId from a given time, as the seed's documents got from pymongo back then. */
const idAt = (iso: string) => ObjectId.createFromTime(Date.parse(iso) / 1000);

/** `length` characters of [A-Za-z0-9], the alphabet of the seed's client ids and tokens. */
const alphanumeric = (length: number) =>
  randomBytes(length * 2)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, length);
const seedToken = () => alphanumeric(30);
const generateClientId = () => alphanumeric(40);

describeWithMongo('reading what flask-sentinel wrote', (url) => {
  const mongo = useMongo(url);

  it('seed users read as valid users, with Binary and string hashes that verify', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase({ ensureIndexes: false });
    try {
      const py3 = idAt('2017-03-01T10:00:00Z');
      const py2 = idAt('2017-02-01T10:00:00Z');
      await db.collection('users').insertMany([
        // Python 3: bcrypt.hashpw returns bytes, which pymongo stores as BSON binary.
        { _id: py3, username: 'py3user', hashpw: new Binary(Buffer.from(SEED_HASH, 'utf8')) },
        // Python 2: a str.
        { _id: py2, username: 'py2user', hashpw: SEED_HASH },
      ]);
      await stores.ensureIndexes();

      for (const [username, _id] of [
        ['py3user', py3],
        ['py2user', py2],
      ] as const) {
        const user = await stores.users.findByUsername(username);
        expect(user).toEqual({
          id: _id.toHexString(),
          username,
          passwordHash: SEED_HASH,
          createdAt: _id.getTimestamp(),
          disabledAt: null,
        });
        expect(await stores.users.findById(_id.toHexString())).toEqual(user);
        expect(await compare(PASSWORD, user?.passwordHash ?? '')).toBe(true);
        expect(await compare(`${PASSWORD}!`, user?.passwordHash ?? '')).toBe(false);
      }
      expect((await stores.users.list()).map((u) => u.username)).toEqual(['py2user', 'py3user']);

      // A login rehashes and may disable: the seed user keeps its id and creation time.
      const rehash = '$2b$12$abcdefghijklmnopqrstuuJmZ8b9GvQ2Oc8cIC7GD4UfZ5MFeXXm.';
      const updated = await stores.users.update(py3.toHexString(), { passwordHash: rehash });
      expect(updated).toMatchObject({ passwordHash: rehash, createdAt: py3.getTimestamp() });
      expect(typeof (await db.collection('users').findOne({ _id: py3 }))?.hashpw).toBe('string');

      const created = await stores.users.create({
        username: 'newcomer',
        passwordHash: rehash,
        createdAt: new Date(),
      });
      expect((await stores.users.list()).map((u) => u.username)).toEqual([
        'py2user',
        'py3user',
        'newcomer',
      ]);
      expect(created.id).toMatch(/^[0-9a-f]{24}$/);
    } finally {
      await teardown();
    }
  });

  it('seed clients read as public clients with the password and refresh grants', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase({ ensureIndexes: false });
    try {
      const withGrants = { _id: idAt('2017-01-01T00:00:00Z'), client_id: generateClientId() };
      const withoutGrants = { _id: idAt('2017-01-02T00:00:00Z'), client_id: generateClientId() };
      await db.collection('clients').insertMany([
        {
          ...withGrants,
          client_type: 'public',
          allowed_grant_types: ['password', 'refresh_token'],
          default_redirect_uri: '',
          default_scopes: [],
        },
        { ...withoutGrants, client_type: 'public', default_redirect_uri: '', default_scopes: [] },
      ]);
      await stores.ensureIndexes();

      for (const seed of [withGrants, withoutGrants]) {
        expect(await stores.clients.find(seed.client_id)).toEqual({
          clientId: seed.client_id,
          secretDigest: null,
          type: 'public',
          grants: ['password', 'refresh_token'],
          scopes: [],
          name: seed.client_id,
          createdAt: seed._id.getTimestamp(),
        });
      }
      expect((await stores.clients.list()).map((c) => c.clientId)).toEqual([
        withGrants.client_id,
        withoutGrants.client_id,
      ]);
    } finally {
      await teardown();
    }
  });

  it('seed token documents never match, never break a read, and expired ones are purged', async () => {
    const { db, stores, teardown } = await mongo.freshDatabase({ ensureIndexes: false });
    try {
      const userId = idAt('2017-03-01T10:00:00Z');
      const clientId = generateClientId();
      const now = new Date();
      const seedDocument = (expires: Date) => ({
        _id: new ObjectId(),
        access_token: seedToken(),
        refresh_token: seedToken(),
        token_type: 'Bearer',
        client_id: clientId,
        user_id: userId,
        expires,
        scopes: [''],
        user: null,
      });
      const expired = seedDocument(new Date(now.getTime() - 3600_000));
      const live = seedDocument(new Date(now.getTime() + 3600_000));
      await db.collection('tokens').insertMany([expired, live]);
      // Two seed documents lack every Sentinel field: indexing must not trip over them.
      await stores.ensureIndexes();

      const own = tokenRecord({ clientId, userId: userId.toHexString() });
      await stores.tokens.save([own]);
      for (const raw of [expired.access_token, live.refresh_token]) {
        expect(await stores.tokens.find(digest(raw))).toBeNull();
        expect(await stores.tokens.find(raw)).toBeNull();
        expect(await stores.tokens.redeem(digest(raw), now)).toEqual({ outcome: 'unknown' });
      }
      expect(await stores.tokens.revokeClient(clientId, now)).toEqual([
        { digest: own.digest, expiresAt: own.expiresAt },
      ]);
      expect(await stores.tokens.revokeUser(userId.toHexString(), now)).toEqual([]);
      expect(await stores.tokens.revokeFamily(own.familyId, now)).toEqual([]);

      // Deletes the expired seed document (it holds raw tokens), keeps the live one and ours.
      expect(await stores.tokens.purgeExpired(now)).toBe(1);
      const left = await db.collection('tokens').find({}).toArray();
      expect(left.map((d) => String(d._id)).sort()).toEqual([own.digest, String(live._id)].sort());
    } finally {
      await teardown();
    }
  });
});
