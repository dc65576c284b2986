import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'node:https';
import { describeWithServers } from '@sentinel/core/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DemoProcess, startDemo } from './support/demo-process.js';

const ADMIN = { username: 'admin', password: 'concurrency-admin-password' };
const USER = { username: 'racer', password: 'racer-password' };
const PROTECTED_MESSAGE = 'You made it through and accessed the protected resource!';
const RACERS = 50;

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

interface TokenPair {
  readonly access_token: string;
  readonly refresh_token: string;
}

/**
 * A source address of our own on Linux (all of 127/8 is the loopback): the demo counts failures
 * per client IP in Redis, shared with every other test on that Redis, and a test that fails
 * logins from 127.0.0.1 must not get these requests refused with 429.
 */
const localAddress =
  process.platform === 'linux' ? `127.0.0.${2 + Math.floor(Math.random() * 250)}` : undefined;

describeWithServers(
  'concurrent refresh token redemption, against the demo on MongoDB and Redis over HTTPS',
  ['MONGO_URL', 'REDIS_URL'],
  (servers) => {
    let demo: DemoProcess;
    let clientId: string;
    // Keep-alive, so that the racing requests go out on connections already open.
    const agent = new Agent({
      keepAlive: true,
      maxSockets: RACERS + 10,
      rejectUnauthorized: false, // the demo's self-signed certificate
    });

    const send = (
      method: string,
      path: string,
      options: { headers?: Record<string, string>; body?: string } = {},
    ): Promise<Answer> =>
      new Promise((resolve, reject) => {
        const { headers = {}, body } = options;
        const req = request(
          {
            agent,
            host: '127.0.0.1',
            port: demo.port,
            method,
            path,
            localAddress,
            headers:
              body === undefined
                ? headers
                : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                text: Buffer.concat(chunks).toString('utf8'),
              }),
            );
          },
        );
        req.setTimeout(20_000, () => req.destroy(new Error(`${method} ${path}: no answer`)));
        req.on('error', reject);
        req.end(body);
      });

    const management = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
      const auth = Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64');
      const answer = await send('POST', `/oauth/management/api${path}`, {
        headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(answer.status, answer.text).toBe(201);
      return JSON.parse(answer.text);
    };

    const token = (params: Record<string, string>): Promise<Answer> =>
      send('POST', '/oauth/token', {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...params, client_id: clientId }).toString(),
      });

    const refresh = (refreshToken: string) =>
      token({ grant_type: 'refresh_token', refresh_token: refreshToken });

    const login = async (): Promise<TokenPair> => {
      const answer = await token({ grant_type: 'password', ...USER });
      expect(answer.status, answer.text).toBe(200);
      return JSON.parse(answer.text);
    };

    const pair = (answer: Answer): TokenPair => {
      expect(answer.status, answer.text).toBe(200);
      const body = JSON.parse(answer.text) as TokenPair;
      expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      return body;
    };

    /** The status of GET /endpoint with the token, after checking the body that goes with it. */
    const verify = async (accessToken: string): Promise<number> => {
      const answer = await send('GET', '/endpoint', {
        headers: { Authorization: `Bearer ${accessToken}` },
      });
      if (answer.status === 200) expect(answer.text).toBe(PROTECTED_MESSAGE);
      if (answer.status === 401) {
        expect(answer.headers['www-authenticate']).toMatch(/error="invalid_token"/);
      }
      return answer.status;
    };

    const expectInvalidGrant = (answer: Answer) => {
      expect(answer.status, answer.text).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({ error: 'invalid_grant' });
    };

    /** Opens `count` connections at once, so that the next `count` requests all start at once. */
    const warmUp = async (count: number) => {
      const answers = await Promise.all(
        Array.from({ length: count }, () => send('GET', '/.well-known/oauth-authorization-server')),
      );
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    };

    beforeAll(async () => {
      demo = await startDemo({
        SENTINEL_MONGO_URI: servers.MONGO_URL,
        SENTINEL_MONGO_DBNAME: `concurrency_${process.pid}_${Math.random().toString(36).slice(2, 8)}`,
        SENTINEL_REDIS_URL: servers.REDIS_URL,
        SENTINEL_BCRYPT_COST: '4',
        SENTINEL_MANAGEMENT_USERNAME: ADMIN.username,
        SENTINEL_MANAGEMENT_PASSWORD: ADMIN.password,
      });
      expect(demo.base).toMatch(/^https:/);
      await management('/users', USER);
      const client = await management('/clients', { type: 'public', name: 'Racing app' });
      clientId = String(client.client_id);
    });

    afterAll(async () => {
      agent.destroy();
      await demo?.stop();
    });

    it(`of ${RACERS} concurrent redemptions of one refresh token exactly one succeeds, and the replays revoke the family`, async () => {
      // A few rounds, each a new login: one race could be won cleanly by luck of timing.
      for (let round = 0; round < 3; round++) {
        const raced = await login();
        // Another login of the same user: its own family, which the replays must leave alone.
        const bystander = await login();
        expect(await verify(raced.access_token)).toBe(200);
        await warmUp(RACERS);

        const answers = await Promise.all(
          Array.from({ length: RACERS }, () => refresh(raced.refresh_token)),
        );

        const statuses = answers.map((a) => a.status);
        const winners = answers.filter((a) => a.status === 200);
        expect(winners, `round ${round}: ${statuses.join(' ')}`).toHaveLength(1);
        const losers = answers.filter((a) => a.status !== 200);
        expect(losers).toHaveLength(RACERS - 1);
        for (const loser of losers) expectInvalidGrant(loser);

        // The winner got a fresh pair; but the losers were replays of a rotated token, so the
        // whole family is revoked: the winner's tokens as well as the login's.
        const [winner] = winners;
        if (winner === undefined) throw new Error('no winner');
        const rotated = pair(winner);
        expect(rotated.refresh_token).not.toBe(raced.refresh_token);
        expect(rotated.access_token).not.toBe(raced.access_token);
        expect(await verify(rotated.access_token)).toBe(401);
        expect(await verify(raced.access_token)).toBe(401);
        expectInvalidGrant(await refresh(rotated.refresh_token));
        expectInvalidGrant(await refresh(raced.refresh_token));

        // The other login of the same user is untouched.
        expect(await verify(bystander.access_token)).toBe(200);
        const next = pair(await refresh(bystander.refresh_token));
        expect(await verify(next.access_token)).toBe(200);
      }
    });

    it('one rotation, then a replay of the old refresh token revokes the family', async () => {
      const first = await login();
      const bystander = await login();
      expect(await verify(first.access_token)).toBe(200);

      const second = pair(await refresh(first.refresh_token));
      expect(await verify(second.access_token)).toBe(200);
      // Rotation revokes the access token issued with the redeemed refresh token.
      expect(await verify(first.access_token)).toBe(401);

      // The replay is refused, and takes the live tokens of the family with it.
      expectInvalidGrant(await refresh(first.refresh_token));
      expect(await verify(second.access_token)).toBe(401);
      expectInvalidGrant(await refresh(second.refresh_token));

      expect(await verify(bystander.access_token)).toBe(200);
      pair(await refresh(bystander.refresh_token));
    });

    it('leaves the demo able to shut down cleanly', async () => {
      agent.destroy();
      expect(await demo.stop()).toBe(0);
    });
  },
);
