import { setTimeout as sleep } from 'node:timers/promises';
import { waitUntilReady } from '@sentinel/adapter-redis';
import { digest } from '@sentinel/core';
import { describeWithServers } from '@sentinel/core/testing';
import { expect, it } from 'vitest';
import { PROTECTED_MESSAGE } from '../src/app.js';
import { usePrivateServers } from './support/private-servers.js';
import { uniqueName } from './support/real-stack.js';
import {
  callEndpoint,
  createUserAndClient,
  expectJsonError,
  login,
  management,
  passwordGrant,
  refreshGrant,
  timed,
} from './support/requests.js';

/** Every request must be answered within this long, whatever is down. */
const BOUND_MS = 3000;
const PASSWORD = 'correct horse battery staple';

// The shared servers of `REDIS_URL` and `MONGO_URL` are not used: these tests stop servers, so
// they start a redis-server and a FerretDB of their own. They are gated on the same variables so
// that they run wherever the integration suites run (CI included) and skip loudly elsewhere.
describeWithServers(
  'faults on the real stores (a private Redis and a private FerretDB, stopped and restarted)',
  ['REDIS_URL', 'MONGO_URL'],
  () => {
    const servers = usePrivateServers();
    const stack = servers.stack;

    it('Redis down: issuance succeeds, verification uses the store, nothing hangs; back, the cache is used again', async () => {
      const a = await stack();
      const { clientId } = await createUserAndClient(a.app, 'alice', PASSWORD);

      // A hung Redis (SIGSTOP) accepts connections and answers nothing: every command waits
      // for the client's 500 ms command timeout, and Sentinel carries on without it.
      servers.redis.pause();
      try {
        const issued = await timed(() => passwordGrant(a.app, clientId, 'alice', PASSWORD));
        expect(issued.value.status).toBe(200);
        expect(issued.ms).toBeLessThan(BOUND_MS);
        const { access_token } = (await issued.value.json()) as { access_token: string };
        const verified = await timed(() => callEndpoint(a.app, access_token));
        expect(verified.value.status).toBe(200);
        expect(verified.ms).toBeLessThan(BOUND_MS);
      } finally {
        servers.redis.resume();
      }

      // A stopped Redis refuses connections: commands reject at once.
      await servers.redis.stop();
      const issued = await timed(() => login(a.app, clientId, 'alice', PASSWORD));
      expect(issued.ms).toBeLessThan(BOUND_MS);
      const token = issued.value.access_token;
      const verified = await timed(() => callEndpoint(a.app, token));
      expect(verified.value.status).toBe(200);
      expect(await verified.value.text()).toBe(PROTECTED_MESSAGE);
      expect(verified.ms).toBeLessThan(BOUND_MS);
      expect(a.log.find('token cache unavailable; using the store')).not.toHaveLength(0);
      expect(a.log.find('attempt limiter unavailable')).not.toHaveLength(0);
      const key = `${a.cachePrefix}${await a.stores.tokens.cacheGeneration()}:${digest(token)}`;

      // Redis returns: the same client reconnects by itself, and the next verification fills the
      // cache (nothing could have written this key while Redis was stopped).
      await servers.redis.start();
      const reconnect = await timed(() => waitUntilReady(a.redis, 10_000));
      expect(reconnect.ms).toBeLessThan(BOUND_MS);
      expect((await servers.redis.cli('exists', key)).trim()).toBe('0');
      // Sentinel skips a cache that just failed for `breakerMs` (1 s by default) rather than
      // paying a timeout on every call; once that has passed the cache is used again.
      await sleep(1100);
      expect((await callEndpoint(a.app, token)).status).toBe(200);
      const entry = JSON.parse(await servers.redis.cli('get', key)) as Record<string, unknown>;
      expect(entry).toMatchObject({ n: 'alice', c: clientId, s: [] });

      // And the entry is what answers now: with MongoDB stopped too, the token is still accepted.
      await servers.ferret.stop();
      try {
        const fromCache = await timed(() => callEndpoint(a.app, token));
        expect(fromCache.value.status).toBe(200);
        expect(fromCache.ms).toBeLessThan(BOUND_MS);
      } finally {
        await servers.ferret.start();
      }
    });

    it('a token revoked while Redis is unreachable is never accepted again, even when Redis returns with its old entry', async () => {
      const dbName = uniqueName('revoked');
      const refreshMs = 200;
      // Three processes on one database and one Redis, each with its own clients.
      const a = await stack({ dbName });
      const b = await stack({ dbName, config: { cacheGenerationRefreshMs: refreshMs } });
      const slow = await stack({ dbName, config: { cacheGenerationRefreshMs: 60_000 } });
      const { userId, clientId } = await createUserAndClient(a.app, 'bob', PASSWORD);
      const { access_token: token } = await login(a.app, clientId, 'bob', PASSWORD);
      for (const instance of [a, b, slow]) {
        expect((await callEndpoint(instance.app, token)).status).toBe(200);
      }
      const before = await a.stores.tokens.cacheGeneration();
      const key = `${a.cachePrefix}${before}:${digest(token)}`;
      const cached = await servers.redis.cli('get', key);
      expect(JSON.parse(cached)).toMatchObject({ u: userId, n: 'bob' });

      // Redis stops; the revocation reaches the store but cannot tombstone the cache entry, so
      // the revoking process bumps the cache generation in the store instead.
      await servers.redis.stop();
      const revoked = await timed(() => management(a.app, 'DELETE', `/users/${userId}/tokens`));
      expect(revoked.value.status).toBe(204);
      expect(revoked.ms).toBeLessThan(BOUND_MS);
      expect(a.log.find('bumping the cache generation')).toHaveLength(1);
      expect(await a.stores.tokens.cacheGeneration()).toBe(before + 1);
      expect((await callEndpoint(a.app, token)).status).toBe(401);

      // Redis returns from its append-only file with the old entry intact, not a tombstone.
      await servers.redis.start();
      await Promise.all([a, b, slow].map((instance) => waitUntilReady(instance.redis, 10_000)));
      expect(await servers.redis.cli('get', key)).toBe(cached);

      // (a) The revoking process refuses the token at once: it moved to the new generation when
      // it bumped it, and finds nothing there but the store's revocation.
      await expectJsonError(await callEndpoint(a.app, token), 401, 'invalid_token');

      // (b) Another process refuses it within its refresh interval. The cross-process guarantee:
      // every process re-reads the generation from the store at least every
      // `cacheGenerationRefreshMs`, and entries are looked up under the generation, so once it
      // has re-read the bumped value the old entry is invisible to it and the store decides. A
      // revocation that could not reach the cache is therefore honoured everywhere after at most
      // that interval, whatever the cache holds.
      await sleep(refreshMs + 50);
      await expectJsonError(await callEndpoint(b.app, token), 401, 'invalid_token');

      // The entry itself is still good under the old generation: a process that has not re-read
      // the counter yet (this one re-reads every minute) still accepts the token. That window is
      // exactly what `cacheGenerationRefreshMs` bounds, which is why (b) waited for it.
      expect((await callEndpoint(slow.app, token)).status).toBe(200);
    });

    it('MongoDB down: 503 JSON with Retry-After, never HTML or a hang; back, the same app recovers by itself', async () => {
      const a = await stack();
      const { clientId } = await createUserAndClient(a.app, 'carol', PASSWORD);
      const cached = await login(a.app, clientId, 'carol', PASSWORD);
      expect((await callEndpoint(a.app, cached.access_token)).status).toBe(200);
      const uncached = await login(a.app, clientId, 'carol', PASSWORD);

      await servers.ferret.stop();
      const unavailable = async (name: string, call: () => Promise<Response>) => {
        const { value, ms } = await timed(call);
        expect(ms, `${name} took ${ms} ms`).toBeLessThan(BOUND_MS);
        const body = await expectJsonError(value, 503, 'temporarily_unavailable');
        expect(value.headers.get('retry-after'), name).toBe('5');
        return { body, ms };
      };
      try {
        const grant = await unavailable('password grant', () =>
          passwordGrant(a.app, clientId, 'carol', PASSWORD),
        );
        expect(grant.body.error_description).not.toMatch(/mongo|ferret|127\.0\.0\.1/i);
        await unavailable('refresh grant', () =>
          refreshGrant(a.app, clientId, uncached.refresh_token),
        );
        await unavailable('management list', () => management(a.app, 'GET', '/users'));
        await unavailable('management create', () =>
          management(a.app, 'POST', '/users', { username: 'dave', password: PASSWORD }),
        );
        await unavailable('protected route, token not cached', () =>
          callEndpoint(a.app, uncached.access_token),
        );
        // By design a cache hit is trusted under the last generation read; with the store down
        // that stays the last known one (no revocation can be recorded meanwhile).
        const hit = await timed(() => callEndpoint(a.app, cached.access_token));
        expect(hit.value.status).toBe(200);
        expect(hit.ms).toBeLessThan(BOUND_MS);
      } finally {
        await servers.ferret.start();
      }

      // The driver reconnects on its own: the same app answers again, without a restart.
      const started = Date.now();
      let status = 0;
      while (status !== 200 && Date.now() - started < 15_000) {
        status = (await passwordGrant(a.app, clientId, 'carol', PASSWORD)).status;
      }
      expect(status).toBe(200);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect((await callEndpoint(a.app, uncached.access_token)).status).toBe(200);
      expect((await management(a.app, 'GET', '/users')).status).toBe(200);
      expect((await refreshGrant(a.app, clientId, uncached.refresh_token)).status).toBe(200);
    });
  },
);
