import { setTimeout as sleep } from 'node:timers/promises';
import { digest } from '@sentinel/core';
import { describeWithServers } from '@sentinel/core/testing';
import { ObjectId } from 'mongodb';
import { expect, it } from 'vitest';
import { uniqueName } from './support/real-stack.js';
import {
  callEndpoint,
  createUserAndClient,
  expectJsonError,
  login,
  management,
  passwordGrant,
} from './support/requests.js';
import { useSharedStacks } from './support/shared-stacks.js';

const PASSWORD = 'correct horse battery staple';

describeWithServers(
  'bad data on the real stores (shared Redis and MongoDB, a database and key prefix per test)',
  ['REDIS_URL', 'MONGO_URL'],
  (servers) => {
    const stack = useSharedStacks(servers);

    it('a malformed user document: 500 server_error with no detail; the log names the document', async () => {
      const a = await stack();
      const { clientId } = await createUserAndClient(a.app, 'good', PASSWORD);
      const _id = new ObjectId();
      // A hash that decoded to garbage (flask-sentinel stored whatever it was given).
      const hashpw = '$2b$12$ this is no hash\u0001';
      await a.db.collection('users').insertOne({ _id, username: 'broken', hashpw });

      const response = await passwordGrant(a.app, clientId, 'broken', PASSWORD);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = await expectJsonError(response, 500, 'server_error');
      expect(body).toEqual({
        error: 'server_error',
        error_description: 'The server encountered an unexpected error.',
      });
      const [entry, ...more] = a.log.find('unexpected error');
      expect(more).toHaveLength(0);
      expect(entry?.level).toBe('error');
      expect(entry?.fields.endpoint).toBe('token');
      const logged = JSON.stringify(entry?.fields);
      expect(logged).toContain(`_id ${_id.toHexString()}`);
      expect(logged).toContain('collection \\"users\\"');
      expect(logged).toContain('hashpw');
      expect(a.log.text()).not.toContain(hashpw);

      // Only that user is affected; the list of users meets the document too, and says as much.
      expect((await passwordGrant(a.app, clientId, 'good', PASSWORD)).status).toBe(200);
      await expectJsonError(await management(a.app, 'GET', '/users'), 500, 'server_error');
      expect(a.log.find('unexpected error')).toHaveLength(2);
      expect(JSON.stringify(a.log.find('unexpected error')[1]?.fields)).toContain(
        _id.toHexString(),
      );
    });

    it('a username created ten times at once: exactly one 201, nine 409 conflict', async () => {
      const a = await stack();
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          management(a.app, 'POST', '/users', { username: 'twin', password: PASSWORD }),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([201, ...Array<number>(9).fill(409)]);
      for (const response of responses.filter((r) => r.status === 409)) {
        await expectJsonError(response, 409, 'conflict');
      }
      expect(await a.db.collection('users').countDocuments({ username: 'twin' })).toBe(1);
    });

    // What is correct when a live token's document disappears from the store while its cache
    // entry remains (an operator's delete, a restore from an older backup)? The store is the
    // durable truth, so the right answer is "refused". The design instead trusts a cache hit until
    // the entry expires (the token's own expiry), without reading the store: that is what makes
    // the cache a cache. This test pins down exactly what happens today, and the one remedy that
    // works: bumping the cache generation, after which every process ignores the old entries.
    it('a cache entry whose token was deleted from the store: still accepted until it expires, even past revocations', async () => {
      const dbName = uniqueName('sentinel_e2e');
      const redisPrefix = `test:${uniqueName('e2e')}:`;
      const config = { cacheGenerationRefreshMs: 100 };
      const a = await stack({ dbName, redisPrefix, config });
      // A process on the same database with an empty cache of its own.
      const uncached = await stack({ dbName, redisPrefix: `${redisPrefix}other:`, config });
      const { userId, clientId } = await createUserAndClient(a.app, 'gone', PASSWORD);
      const { access_token: token } = await login(a.app, clientId, 'gone', PASSWORD);
      expect((await callEndpoint(a.app, token)).status).toBe(200);

      const deleted = await a.db.collection<{ _id: string }>('tokens').deleteOne({
        _id: digest(token),
      });
      expect(deleted.deletedCount).toBe(1);
      // The store no longer knows the token: without a cache entry it is refused ...
      await expectJsonError(await callEndpoint(uncached.app, token), 401, 'invalid_token');
      // ... but the process holding the entry accepts it.
      expect((await callEndpoint(a.app, token)).status).toBe(200);

      // Revocations start from the store's documents, so none of them reaches this entry: the
      // token outlives revoking the user's tokens and even disabling the user.
      expect((await management(a.app, 'DELETE', `/users/${userId}/tokens`)).status).toBe(204);
      const disabled = await management(a.app, 'PATCH', `/users/${userId}`, { disabled: true });
      expect(disabled.status).toBe(200);
      expect((await callEndpoint(a.app, token)).status).toBe(200);

      // A new cache generation hides every older entry: then the store decides, and refuses.
      await a.stores.tokens.bumpCacheGeneration();
      await sleep(config.cacheGenerationRefreshMs + 50);
      await expectJsonError(await callEndpoint(a.app, token), 401, 'invalid_token');
    });
  },
);
