import { describeWithServers } from '@sentinel/core/testing';
import { expect, it } from 'vitest';
import { PROTECTED_MESSAGE } from '../src/app.js';
import { startDemo } from './support/demo-process.js';
import { usePrivateServers } from './support/private-servers.js';
import { ADMIN, uniqueName } from './support/real-stack.js';
import {
  callEndpoint,
  createUserAndClient,
  expectJsonError,
  login,
  management,
  passwordGrant,
  type RequestTarget,
  timed,
} from './support/requests.js';

const PASSWORD = 'correct horse battery staple';
/** A stopped MongoDB is answered within this long (the driver fails fast on a refused port). */
const BOUND_MS = 3000;
/**
 * A hung MongoDB (it accepts connections and answers nothing) is answered within this long,
 * which is far more than `BOUND_MS`: with the adapter's driver settings the first store call
 * waits `socketTimeoutMS` (5 s), then the driver retries the read (about 9.2 s in all); the next
 * one takes about 6.3 s and later ones `serverSelectionTimeoutMS` (2 s). Measured, and reported:
 * this bound documents today's behaviour, it is not a goal.
 */
const HUNG_BOUND_MS = 12_000;

/** Sends the helpers' requests to a real HTTP server instead of `app.request()`. */
function overHttp(base: string): RequestTarget {
  const origin = base.replace('//localhost:', '//127.0.0.1:');
  return {
    request: (url, init) => {
      const { pathname, search } = new URL(url);
      return fetch(`${origin}${pathname}${search}`, init);
    },
  };
}

/** Retries the password grant until it succeeds; resolves with how long that took. */
async function untilLoginWorks(app: RequestTarget, clientId: string, username: string) {
  const started = Date.now();
  let status = 0;
  while (status !== 200 && Date.now() - started < 15_000) {
    status = (await passwordGrant(app, clientId, username, PASSWORD)).status;
  }
  expect(status).toBe(200);
  return Date.now() - started;
}

describeWithServers(
  'MongoDB outages seen from outside: the demo process, and a hung server',
  ['REDIS_URL', 'MONGO_URL'],
  () => {
    const servers = usePrivateServers();

    it('the demo process answers 503 JSON while MongoDB is down, stays up, and recovers by itself', async () => {
      const demo = await startDemo({
        SENTINEL_TLS: 'off',
        SENTINEL_MONGO_URI: servers.ferret.url,
        SENTINEL_MONGO_DBNAME: uniqueName('demo'),
        SENTINEL_REDIS_URL: servers.redis.url,
        SENTINEL_BCRYPT_COST: '4',
        SENTINEL_MANAGEMENT_USERNAME: ADMIN.username,
        SENTINEL_MANAGEMENT_PASSWORD: ADMIN.password,
      });
      try {
        const http = overHttp(demo.base);
        const { clientId } = await createUserAndClient(http, 'erin', PASSWORD);
        const { access_token } = await login(http, clientId, 'erin', PASSWORD);

        await servers.ferret.stop();
        try {
          for (const [name, call] of [
            ['password grant', () => passwordGrant(http, clientId, 'erin', PASSWORD)],
            ['protected route', () => callEndpoint(http, access_token)],
            ['management API', () => management(http, 'GET', '/users')],
          ] as const) {
            const { value, ms } = await timed(call);
            expect(ms, `${name} took ${ms} ms`).toBeLessThan(BOUND_MS);
            await expectJsonError(value, 503, 'temporarily_unavailable');
            expect(value.headers.get('retry-after'), name).toBe('5');
          }
          expect(demo.child.exitCode).toBeNull();
        } finally {
          await servers.ferret.start();
        }

        expect(await untilLoginWorks(http, clientId, 'erin')).toBeLessThan(15_000);
        const resource = await callEndpoint(http, access_token);
        expect(await resource.text()).toBe(PROTECTED_MESSAGE);
        expect(demo.child.exitCode).toBeNull();
      } finally {
        expect(await demo.stop()).toBe(0);
      }
    });

    it('MongoDB hung (SIGSTOP): still a 503 JSON answer, bounded by the driver timeouts; resumed, it recovers', async () => {
      const a = await servers.stack();
      const { clientId } = await createUserAndClient(a.app, 'frank', PASSWORD);
      const { access_token } = await login(a.app, clientId, 'frank', PASSWORD);
      expect((await callEndpoint(a.app, access_token)).status).toBe(200);

      servers.ferret.pause();
      try {
        const grant = await timed(() => passwordGrant(a.app, clientId, 'frank', PASSWORD));
        expect(grant.ms).toBeLessThan(HUNG_BOUND_MS);
        await expectJsonError(grant.value, 503, 'temporarily_unavailable');
        expect(grant.value.headers.get('retry-after')).toBe('5');
        // The cached token is still accepted, but only after the cache generation's re-read (due
        // again, `cacheGenerationRefreshMs` having passed) has waited for the store and given up:
        // the cache does not shield verification from a hung store (about 6.3 s here).
        const hit = await timed(() => callEndpoint(a.app, access_token));
        expect(hit.value.status).toBe(200);
        expect(hit.ms).toBeLessThan(HUNG_BOUND_MS);
      } finally {
        servers.ferret.resume();
      }

      expect(await untilLoginWorks(a.app, clientId, 'frank')).toBeLessThan(15_000);
    }, 60_000);
  },
);
