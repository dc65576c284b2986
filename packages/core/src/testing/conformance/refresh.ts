import { describe, expect, it } from 'vitest';
import {
  type ConformanceApp,
  expectTokenError,
  login,
  PASSWORD,
  refresh,
  resource,
  str,
  world,
} from './helpers.js';

export function refreshTests(app: ConformanceApp): void {
  describe('refresh token grant', () => {
    it('RFC 6749 §6: a refresh rotates both tokens; the old access token is revoked', async () => {
      const w = await world(app);
      const first = await login(w);
      const second = await refresh(w, str(first.body.refresh_token));
      expect(second.status).toBe(200);
      expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
      expect(second.body.access_token).not.toBe(first.body.access_token);
      expect(second.body.scope).toBe(first.body.scope);
      expect((await resource(w, str(second.body.access_token))).status).toBe(200);
      expect((await resource(w, str(first.body.access_token))).status).toBe(401);
    });

    it('RFC 9700 §4.14.2: a rotated refresh token presented again revokes the whole family', async () => {
      const w = await world(app);
      const first = await login(w);
      const other = await login(w);
      const second = await refresh(w, str(first.body.refresh_token));
      expect(second.status).toBe(200);
      expectTokenError(await refresh(w, str(first.body.refresh_token)), 400, 'invalid_grant');
      expect((await resource(w, str(second.body.access_token))).status).toBe(401);
      expectTokenError(await refresh(w, str(second.body.refresh_token)), 400, 'invalid_grant');
      expect((await resource(w, str(other.body.access_token))).status).toBe(200);
    });

    it('RFC 6749 §6: of 10 concurrent redemptions exactly one succeeds', async () => {
      const w = await world(app);
      const first = await login(w);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => refresh(w, str(first.body.refresh_token))),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 200))
        expectTokenError(a, 400, 'invalid_grant');
    });

    it('RFC 6749 §6: scope may narrow, never widen', async () => {
      const w = await world(app);
      const first = await login(w, { scope: 'read write' });
      const narrowed = await refresh(w, str(first.body.refresh_token), { scope: 'read' });
      expect(narrowed.status).toBe(200);
      expect(narrowed.body.scope).toBe('read');
      const widened = await refresh(w, str(narrowed.body.refresh_token), { scope: 'read admin' });
      expectTokenError(widened, 400, 'invalid_scope');
    });

    it('RFC 6749 §5.2: an expired refresh token is invalid_grant', async () => {
      const w = await world(app, { refreshTokenLifetime: 60 });
      const first = await login(w);
      w.clock.advance(61_000);
      expectTokenError(await refresh(w, str(first.body.refresh_token)), 400, 'invalid_grant');
    });

    it('RFC 6749 §5.2: a refresh token of another client, unknown, or an access token is invalid_grant', async () => {
      const w = await world(app);
      const first = await login(w);
      const stolen = await refresh(w, str(first.body.refresh_token), {
        client_id: w.confidential.id,
        client_secret: w.confidential.secret,
      });
      expectTokenError(stolen, 400, 'invalid_grant');
      expectTokenError(await refresh(w, 'no-such-token'), 400, 'invalid_grant');
      expectTokenError(await refresh(w, str(first.body.access_token)), 400, 'invalid_grant');
      expect((await refresh(w, str(first.body.refresh_token))).status).toBe(200);
    });

    it('RFC 6749 §6: refresh_token is required', async () => {
      const w = await world(app);
      expectTokenError(await refresh(w, ''), 400, 'invalid_request');
    });

    it('a deleted user’s refresh token is invalid_grant', async () => {
      const w = await world(app);
      const first = await login(w);
      await w.sentinel.users.delete(w.aliceId);
      expectTokenError(await refresh(w, str(first.body.refresh_token)), 400, 'invalid_grant');
    });
  });

  describe('brute-force protection (RFC 6749 §4.3.2)', () => {
    it('after 5 failures for a username from one IP, that pair gets 429 with Retry-After', async () => {
      const w = await world(app);
      for (let i = 0; i < 5; i++) {
        expectTokenError(await login(w, { password: 'wrong' }, '10.0.0.1'), 400, 'invalid_grant');
      }
      const blocked = await login(w, {}, '10.0.0.1');
      expectTokenError(blocked, 429, 'temporarily_unavailable');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      // The real user, from elsewhere, is not locked out.
      expect((await login(w, {}, '10.0.0.2')).status).toBe(200);
      // The block ends with the window: nobody is locked out forever.
      w.clock.advance(901_000);
      expect((await login(w, {}, '10.0.0.1')).status).toBe(200);
    });

    it('the answer does not reveal whether the username exists', async () => {
      const w = await world(app);
      for (let i = 0; i < 5; i++) await login(w, { username: 'ghost', password: 'x' }, '10.0.0.3');
      for (let i = 0; i < 5; i++) await login(w, { password: 'x' }, '10.0.0.3');
      const ghost = await login(w, { username: 'ghost' }, '10.0.0.3');
      const alice = await login(w, {}, '10.0.0.3');
      expectTokenError(ghost, 429, 'temporarily_unavailable');
      expect(alice.body).toEqual(ghost.body);
    });

    it('a successful login clears the count for that username and IP', async () => {
      const w = await world(app);
      for (let i = 0; i < 4; i++) await login(w, { password: 'wrong' }, '10.0.0.4');
      expect((await login(w, {}, '10.0.0.4')).status).toBe(200);
      for (let i = 0; i < 4; i++) await login(w, { password: 'wrong' }, '10.0.0.4');
      expect((await login(w, {}, '10.0.0.4')).status).toBe(200);
    });

    it('an IP failing too often, across usernames or clients, is blocked', async () => {
      const w = await world(app, { limiter: { ipFailures: 6 } });
      for (let i = 0; i < 6; i++) {
        await login(w, { username: `user${i}`, password: PASSWORD }, '10.0.0.5');
      }
      expectTokenError(await login(w, {}, '10.0.0.5'), 429, 'temporarily_unavailable');
      expectTokenError(
        await login(w, { client_id: 'nobody' }, '10.0.0.5'),
        429,
        'temporarily_unavailable',
      );
      expect((await login(w, {}, '10.0.0.6')).status).toBe(200);
    });
  });
}
