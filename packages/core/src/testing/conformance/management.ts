import { describe, expect, it } from 'vitest';
import {
  admin,
  basic,
  type ConformanceApp,
  login,
  PASSWORD,
  resource,
  send,
  str,
  token,
  world,
} from './helpers.js';

const api = '/oauth/management/api';
const jsonHeaders = { ...admin, 'Content-Type': 'application/json' };
const postJson = (body: unknown, method = 'POST') => ({
  method,
  headers: jsonHeaders,
  body: JSON.stringify(body),
});

export function managementTests(app: ConformanceApp): void {
  describe('management API', () => {
    it('RFC 7617: requires the management credentials, with a Basic challenge', async () => {
      const w = await world(app);
      for (const headers of [
        {},
        { Authorization: basic('admin', 'wrong') },
        { Authorization: 'Bearer x' },
      ] as Record<string, string>[]) {
        const answer = await send(w, `${api}/users`, { headers });
        expect(answer.status).toBe(401);
        expect(answer.headers.get('www-authenticate')).toMatch(
          /^Basic realm="Sentinel management"/,
        );
        expect(answer.body.error).toEqual(expect.any(String));
      }
      expect((await send(w, `${api}/users`, { headers: admin })).status).toBe(200);
    });

    it('is off without credentials unless insecureOpen is set', async () => {
      const closed = await world(app, { management: {} });
      expect((await send(closed, `${api}/users`)).status).toBe(404);
      const open = await world(app, { management: { insecureOpen: true } });
      expect((await send(open, `${api}/users`)).status).toBe(200);
    });

    it('creates, lists and gets users, never showing a password hash', async () => {
      const w = await world(app);
      const created = await send(
        w,
        `${api}/users`,
        postJson({ username: 'bob', password: 'bob-password' }),
      );
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        username: 'bob',
        created_at: expect.any(String),
        disabled: false,
      });
      expect(created.headers.get('cache-control')).toBe('no-store');
      const list = await send(w, `${api}/users`, { headers: admin });
      expect(list.status).toBe(200);
      expect((list.body as unknown as { username: string }[]).map((u) => u.username)).toEqual([
        'alice',
        'bob',
      ]);
      expect(JSON.stringify(list.body)).not.toMatch(/\$2[aby]\$|hash/i);
      const one = await send(w, `${api}/users/${str(created.body.id)}`, { headers: admin });
      expect(one.body).toEqual(created.body);
      expect((await login(w, { username: 'bob', password: 'bob-password' })).status).toBe(200);
    });

    it('a duplicate username is 409', async () => {
      const w = await world(app);
      const answer = await send(
        w,
        `${api}/users`,
        postJson({ username: 'alice', password: 'another-pass' }),
      );
      expect(answer.status).toBe(409);
      expect(answer.body.error).toBe('conflict');
    });

    it('bad JSON, wrong fields or a wrong content type are 400 invalid_request', async () => {
      const w = await world(app);
      const bad = [
        { method: 'POST', headers: jsonHeaders, body: '{"username":' },
        { method: 'POST', headers: jsonHeaders, body: '[]' },
        postJson({ username: 'x' }),
        postJson({ username: 'x', password: 'long-enough', admin: true }),
        postJson({ username: 'x', password: 12345678 }),
        {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ username: 'x', password: 'long-enough' }),
        },
        postJson({ username: 'x', password: 'short' }),
        postJson({ username: 'x', password: 'é'.repeat(37) }),
        postJson({ username: ' x', password: 'long-enough' }),
        postJson({ username: '', password: 'long-enough' }),
      ];
      for (const init of bad) {
        const answer = await send(w, `${api}/users`, init);
        expect({ status: answer.status, error: answer.body.error }).toEqual({
          status: 400,
          error: 'invalid_request',
        });
        expect(answer.body.error_description).toEqual(expect.any(String));
      }
    });

    it('deleting a user revokes its tokens; unknown ids are 404', async () => {
      const w = await world(app);
      const access = str((await login(w)).body.access_token);
      expect((await resource(w, access)).status).toBe(200);
      const deleted = await send(w, `${api}/users/${w.aliceId}`, {
        method: 'DELETE',
        headers: admin,
      });
      expect(deleted.status).toBe(204);
      expect((await resource(w, access)).status).toBe(401);
      const again = await send(w, `${api}/users/${w.aliceId}`, {
        method: 'DELETE',
        headers: admin,
      });
      expect(again.status).toBe(404);
      expect(again.body.error).toBe('not_found');
    });

    it('setting a password replaces the old one and ends the user’s sessions', async () => {
      const w = await world(app);
      const access = str((await login(w)).body.access_token);
      const set = await send(
        w,
        `${api}/users/${w.aliceId}/password`,
        postJson({ password: 'a new password' }, 'PUT'),
      );
      expect(set.status).toBe(204);
      expect((await login(w)).status).toBe(400);
      expect((await login(w, { password: 'a new password' })).status).toBe(200);
      expect((await resource(w, access)).status).toBe(401);
      const unknown = await send(
        w,
        `${api}/users/nobody/password`,
        postJson({ password: 'a new password' }, 'PUT'),
      );
      expect(unknown.status).toBe(404);
    });

    it('disabling a user ends its sessions; its tokens can also be revoked alone', async () => {
      const w = await world(app);
      const access = str((await login(w)).body.access_token);
      const disabled = await send(
        w,
        `${api}/users/${w.aliceId}`,
        postJson({ disabled: true }, 'PATCH'),
      );
      expect(disabled.status).toBe(200);
      expect(disabled.body.disabled).toBe(true);
      expect((await resource(w, access)).status).toBe(401);
      await send(w, `${api}/users/${w.aliceId}`, postJson({ disabled: false }, 'PATCH'));
      const next = str((await login(w)).body.access_token);
      const revoked = await send(w, `${api}/users/${w.aliceId}/tokens`, {
        method: 'DELETE',
        headers: admin,
      });
      expect(revoked.status).toBe(204);
      expect((await resource(w, next)).status).toBe(401);
    });

    it('creates clients; the secret is shown once, at creation', async () => {
      const w = await world(app);
      const pub = await send(w, `${api}/clients`, postJson({ type: 'public', name: 'Mobile app' }));
      expect(pub.status).toBe(201);
      expect(pub.body).toEqual({
        client_id: expect.stringMatching(/^[A-Za-z0-9]{40}$/),
        name: 'Mobile app',
        type: 'public',
        grants: ['password', 'refresh_token'],
        scopes: [],
        created_at: expect.any(String),
      });
      const conf = await send(
        w,
        `${api}/clients`,
        postJson({ type: 'confidential', scopes: ['read'], grants: ['password'] }),
      );
      expect(conf.status).toBe(201);
      const secret = str(conf.body.client_secret);
      const list = await send(w, `${api}/clients`, { headers: admin });
      expect(JSON.stringify(list.body)).not.toContain(secret);
      expect(JSON.stringify(list.body)).not.toMatch(/secret/);
      const got = await send(w, `${api}/clients/${str(conf.body.client_id)}`, { headers: admin });
      expect(got.body.client_secret).toBeUndefined();
      const answer = await token(
        w,
        { grant_type: 'password', username: 'alice', password: PASSWORD },
        { headers: { Authorization: basic(str(conf.body.client_id), secret) } },
      );
      expect(answer.status).toBe(200);
      expect(answer.body.refresh_token).toBeUndefined();
    });

    it('rejects a bad client type, grant or scope', async () => {
      const w = await world(app);
      for (const body of [
        { type: 'secret' },
        { type: 'public', grants: ['implicit'] },
        { type: 'public', grants: [] },
        { type: 'public', scopes: ['bad scope'] },
        { type: 'public', grants: ['client_credentials'] },
        {},
      ]) {
        const answer = await send(w, `${api}/clients`, postJson(body));
        expect({ status: answer.status, error: answer.body.error }).toEqual({
          status: 400,
          error: 'invalid_request',
        });
      }
    });

    it('rotating a secret invalidates the old one; public clients have none to rotate', async () => {
      const w = await world(app);
      const rotated = await send(w, `${api}/clients/${w.confidential.id}/secret`, {
        method: 'POST',
        headers: admin,
      });
      expect(rotated.status).toBe(201);
      const secret = str(rotated.body.client_secret);
      expect(secret).not.toBe(w.confidential.secret);
      const params = { grant_type: 'password', username: 'alice', password: PASSWORD };
      const old = await token(w, params, {
        headers: { Authorization: basic(w.confidential.id, w.confidential.secret) },
      });
      expect(old.status).toBe(401);
      const fresh = await token(w, params, {
        headers: { Authorization: basic(w.confidential.id, secret) },
      });
      expect(fresh.status).toBe(200);
      const pub = await send(w, `${api}/clients/${w.publicClient}/secret`, {
        method: 'POST',
        headers: admin,
      });
      expect(pub.status).toBe(400);
      const none = await send(w, `${api}/clients/nope/secret`, { method: 'POST', headers: admin });
      expect(none.status).toBe(404);
    });

    it('deleting a client revokes its tokens and stops its logins', async () => {
      const w = await world(app);
      const access = str((await login(w)).body.access_token);
      const deleted = await send(w, `${api}/clients/${w.publicClient}`, {
        method: 'DELETE',
        headers: admin,
      });
      expect(deleted.status).toBe(204);
      expect((await resource(w, access)).status).toBe(401);
      expect((await login(w)).status).toBe(401);
      expect(
        (await send(w, `${api}/clients/${w.publicClient}`, { method: 'DELETE', headers: admin }))
          .status,
      ).toBe(404);
    });

    it('unknown paths are 404 and wrong methods 405 with Allow', async () => {
      const w = await world(app);
      const unknown = await send(w, `${api}/widgets`, { headers: admin });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('not_found');
      const wrong = await send(w, `${api}/users`, { method: 'DELETE', headers: admin });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('GET, POST');
    });
  });

  describe('configuration', () => {
    it('routes follow the prefix and URLs; false turns a route off', async () => {
      const w = await world(app, { routePrefix: '/auth', tokenUrl: '/access' });
      expect((await login(w)).status).toBe(404);
      const moved = await token(
        w,
        {
          grant_type: 'password',
          client_id: w.publicClient,
          username: 'alice',
          password: PASSWORD,
        },
        { path: '/auth/access' },
      );
      expect(moved.status).toBe(200);
      const off = await world(app, { tokenUrl: false, managementUrl: false });
      expect((await login(off)).status).toBe(404);
      expect((await send(off, `${api}/users`, { headers: admin })).status).toBe(404);
    });
  });
}
