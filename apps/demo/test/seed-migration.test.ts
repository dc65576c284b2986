import { randomBytes } from 'node:crypto';
import { describeWithServers } from '@sentinel/core/testing';
import { Binary, MongoClient, ObjectId } from 'mongodb';
import { expect, it } from 'vitest';
import { PROTECTED_MESSAGE } from '../src/app.js';
import { uniqueName } from './support/real-stack.js';
import {
  callEndpoint,
  expectJsonError,
  login,
  passwordGrant,
  type RequestTarget,
  refreshGrant,
  type Tokens,
} from './support/requests.js';
import { useSharedStacks } from './support/shared-stacks.js';

const SEED_PASSWORD = 'seed-password-from-flask';
/**
 * A real flask-sentinel password hash of `SEED_PASSWORD`, made once with Debian's python3-bcrypt
 * 3.2.2, by the call the seed made:
 *   /usr/bin/python3 -c 'import bcrypt; print(bcrypt.hashpw(b"seed-password-from-flask", bcrypt.gensalt(12)).decode())'
 */
const SEED_HASH = '$2b$12$8ekjlBokaYSq/yiGaoktzuM0/S0zascKIMauIPG986J.W3liYx0fy';

/** 40 characters of [A-Za-z0-9], like the seed's client ids. */
function seedClientId(): string {
  return randomBytes(80)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 40);
}

/** Login, the protected resource, a refresh, and the resource again with the new token. */
async function walkThrough(app: RequestTarget, clientId: string, username: string) {
  const tokens = await login(app, clientId, username, SEED_PASSWORD);
  expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: '' });
  const resource = await callEndpoint(app, tokens.access_token);
  expect(resource.status).toBe(200);
  expect(await resource.text()).toBe(PROTECTED_MESSAGE);
  const refreshed = await refreshGrant(app, clientId, tokens.refresh_token);
  expect(refreshed.status, await refreshed.clone().text()).toBe(200);
  const next = (await refreshed.json()) as Tokens;
  expect(next.refresh_token).not.toBe(tokens.refresh_token);
  expect((await callEndpoint(app, next.access_token)).status).toBe(200);
}

describeWithServers(
  'migration from flask-sentinel: its documents, as it wrote them, work end to end',
  ['REDIS_URL', 'MONGO_URL'],
  (servers) => {
    const stack = useSharedStacks(servers);

    it('a seed user (BinData and string hashes) and a seed client log in, call /endpoint and refresh', async () => {
      const dbName = uniqueName('sentinel_seed');
      const py3 = new ObjectId();
      const py2 = new ObjectId();
      const clientId = seedClientId();
      // The seed's database exists before Sentinel starts: write it with the raw driver.
      const raw = new MongoClient(servers.MONGO_URL);
      try {
        const db = raw.db(dbName);
        await db.collection('users').insertMany([
          // Python 3: bcrypt.hashpw returns bytes, which pymongo stores as BSON binary.
          { _id: py3, username: 'legacy', hashpw: new Binary(Buffer.from(SEED_HASH, 'utf8')) },
          // Python 2: a str.
          { _id: py2, username: 'legacy-py2', hashpw: SEED_HASH },
        ]);
        await db.collection('clients').insertOne({
          client_id: clientId,
          client_type: 'public',
          allowed_grant_types: ['password', 'refresh_token'],
          default_redirect_uri: '',
          default_scopes: [],
        });
      } finally {
        await raw.close();
      }

      // Core's own bcrypt worker pool at cost 12, the seed's cost: nothing needs rehashing.
      const a = await stack({ dbName, hasher: null, hashPoolSize: 2, config: { bcryptCost: 12 } });
      await walkThrough(a.app, clientId, 'legacy');
      await walkThrough(a.app, clientId, 'legacy-py2');
      await expectJsonError(
        await passwordGrant(a.app, clientId, 'legacy', `${SEED_PASSWORD}!`),
        400,
        'invalid_grant',
      );

      // The seed's documents are left as they were: flask-sentinel could still read them.
      const user = await a.db.collection('users').findOne({ _id: py3 });
      expect(user?.hashpw).toBeInstanceOf(Binary);
      expect(Object.keys(user ?? {}).sort()).toEqual(['_id', 'hashpw', 'username']);
    });
  },
);
