import { describe, expect, it } from 'vitest';
import { digest } from '../../crypto/tokens.js';
import {
  basic,
  type ConformanceApp,
  expectNoStore,
  expectTokenError,
  formBody,
  login,
  PASSWORD,
  resource,
  send,
  str,
  token,
  world,
} from './helpers.js';

export function tokenEndpointTests(app: ConformanceApp): void {
  describe('token endpoint', () => {
    it('RFC 6749 §3.2: only POST is allowed; others get 405 with Allow: POST', async () => {
      const w = await world(app);
      for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
        const answer = await send(w, '/oauth/token', { method });
        expectTokenError(answer, 405, 'invalid_request');
        expect(answer.headers.get('allow')).toBe('POST');
      }
    });

    it('RFC 6749 §5.1: a password grant answers the token response, not cacheable', async () => {
      const w = await world(app);
      const answer = await login(w);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expectNoStore(answer);
      expect(Object.keys(answer.body).sort()).toEqual(
        ['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type'].sort(),
      );
      expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      expect(str(answer.body.access_token)).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(str(answer.body.refresh_token)).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(answer.body.refresh_token).not.toBe(answer.body.access_token);
      expect(answer.body.scope).toBe('read write admin');
    });

    it('RFC 6749 §5.1: scope is always present, "" when the client has none', async () => {
      const w = await world(app);
      const { client } = await w.sentinel.clients.create({ type: 'public' });
      const answer = await login(w, { client_id: client.clientId });
      expect(answer.status).toBe(200);
      expect(answer.body.scope).toBe('');
    });

    it('RFC 6749 §3.2: the body must be application/x-www-form-urlencoded', async () => {
      const w = await world(app);
      const params = {
        grant_type: 'password',
        client_id: w.publicClient,
        username: 'alice',
        password: PASSWORD,
      };
      const asJson = await send(w, '/oauth/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(params),
      });
      expectTokenError(asJson, 400, 'invalid_request');
      const noType = await send(w, '/oauth/token', {
        method: 'POST',
        body: new Blob([formBody(params)]),
      });
      expectTokenError(noType, 400, 'invalid_request');
      for (const type of [
        'application/x-www-form-urlencoded;charset=UTF-8',
        'application/x-www-form-urlencoded; charset=utf-8',
        'Application/X-WWW-Form-Urlencoded',
      ]) {
        const ok = await token(w, params, { headers: { 'Content-Type': type } });
        expect(ok.status).toBe(200);
      }
    });

    it('RFC 6749 §3.2: parameters and credentials in the query string are ignored', async () => {
      const w = await world(app);
      const query = new URLSearchParams({
        grant_type: 'password',
        client_id: w.publicClient,
        username: 'alice',
        password: PASSWORD,
      });
      const answer = await token(w, '', { path: `/oauth/token?${query}` });
      expectTokenError(answer, 401, 'invalid_client');
      const partial = await token(
        w,
        { client_id: w.publicClient, username: 'alice' },
        { path: `/oauth/token?${query}` },
      );
      expectTokenError(partial, 400, 'invalid_request');
    });

    it('RFC 6749 §3.1: a repeated parameter is invalid_request', async () => {
      const w = await world(app);
      const body = `grant_type=password&client_id=${w.publicClient}&username=alice&username=bob&password=x`;
      expectTokenError(await token(w, body), 400, 'invalid_request');
      const sameValue = `grant_type=password&grant_type=password&client_id=${w.publicClient}&username=alice&password=${encodeURIComponent(PASSWORD)}`;
      expectTokenError(await token(w, sameValue), 400, 'invalid_request');
    });

    it('RFC 6749 §3.1: malformed percent-encoding is invalid_request', async () => {
      const w = await world(app);
      expectTokenError(
        await token(w, `grant_type=password&client_id=${w.publicClient}&username=%E0%A4%A`),
        400,
        'invalid_request',
      );
      expectTokenError(
        await token(w, `grant_type=password&client_id=${w.publicClient}&username=%FF`),
        400,
        'invalid_request',
      );
    });

    it('a body over 16 KiB is refused with 413', async () => {
      const w = await world(app);
      const answer = await login(w, { padding: 'x'.repeat(17 * 1024) });
      expectTokenError(answer, 413, 'invalid_request');
    });

    it('RFC 6749 §3.2: unknown parameters are ignored', async () => {
      const w = await world(app);
      const answer = await login(w, { color: 'blue', redirect_uri: 'https://example.com/' });
      expect(answer.status).toBe(200);
    });

    it('RFC 6749 §3.1: a parameter sent without a value is treated as omitted', async () => {
      const w = await world(app);
      const answer = await login(w, { scope: '' });
      expect(answer.status).toBe(200);
      expect(answer.body.scope).toBe('read write admin');
    });

    it('RFC 6749 §5.2: grant_type missing is invalid_request, unknown is unsupported_grant_type', async () => {
      const w = await world(app);
      expectTokenError(await login(w, { grant_type: '' }), 400, 'invalid_request');
      expectTokenError(
        await login(w, { grant_type: 'authorization_code' }),
        400,
        'unsupported_grant_type',
      );
      expectTokenError(await login(w, { grant_type: 'magic' }), 400, 'unsupported_grant_type');
    });

    it('RFC 6749 §5.2: a client may use only the grants it lists (unauthorized_client)', async () => {
      const w = await world(app);
      const { client } = await w.sentinel.clients.create({
        type: 'public',
        grants: ['refresh_token'],
      });
      expectTokenError(await login(w, { client_id: client.clientId }), 400, 'unauthorized_client');
    });
  });

  describe('client authentication', () => {
    it('RFC 6749 §2.3.1: a confidential client authenticates with client_secret_basic', async () => {
      const w = await world(app);
      const params = { grant_type: 'password', username: 'alice', password: PASSWORD };
      const answer = await token(w, params, {
        headers: { Authorization: basic(w.confidential.id, w.confidential.secret) },
      });
      expect(answer.status).toBe(200);
    });

    it('RFC 6749 Appendix B: Basic credentials are form-decoded before comparison', async () => {
      const w = await world(app);
      const everyCharEncoded = [...w.confidential.secret]
        .map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
        .join('');
      const raw = Buffer.from(`${w.confidential.id}:${everyCharEncoded}`).toString('base64');
      const answer = await token(
        w,
        { grant_type: 'password', username: 'alice', password: PASSWORD },
        { headers: { Authorization: `Basic ${raw}` } },
      );
      expect(answer.status).toBe(200);
    });

    it('RFC 6749 §2.3.1: a confidential client authenticates with client_secret_post', async () => {
      const w = await world(app);
      const answer = await login(w, {
        client_id: w.confidential.id,
        client_secret: w.confidential.secret,
      });
      expect(answer.status).toBe(200);
    });

    it('RFC 6749 §5.2: a wrong secret in the header is 401 invalid_client with WWW-Authenticate', async () => {
      const w = await world(app);
      const answer = await token(
        w,
        { grant_type: 'password', username: 'alice', password: PASSWORD },
        { headers: { Authorization: basic(w.confidential.id, `${w.confidential.secret}x`) } },
      );
      expectTokenError(answer, 401, 'invalid_client');
      expect(answer.headers.get('www-authenticate')).toMatch(/^Basic /);
    });

    it('RFC 6749 §5.2: a wrong secret in the body is 401 invalid_client', async () => {
      const w = await world(app);
      const answer = await login(w, { client_id: w.confidential.id, client_secret: 'nope' });
      expectTokenError(answer, 401, 'invalid_client');
      expect(answer.headers.get('www-authenticate')).toBeNull();
    });

    it('RFC 6749 §5.2: an unknown or missing client is 401 invalid_client', async () => {
      const w = await world(app);
      expectTokenError(await login(w, { client_id: 'nobody' }), 401, 'invalid_client');
      expectTokenError(await login(w, { client_id: '' }), 401, 'invalid_client');
      const header = await token(
        w,
        { grant_type: 'password', username: 'alice', password: PASSWORD },
        { headers: { Authorization: basic('nobody', 'x') } },
      );
      expectTokenError(header, 401, 'invalid_client');
      expect(header.headers.get('www-authenticate')).toMatch(/^Basic /);
    });

    it('RFC 6749 §2.1: a confidential client without its secret is invalid_client', async () => {
      const w = await world(app);
      expectTokenError(await login(w, { client_id: w.confidential.id }), 401, 'invalid_client');
    });

    it('RFC 6749 §2.1: a public client is identified by client_id, in the body or with an empty Basic secret', async () => {
      const w = await world(app);
      expect((await login(w)).status).toBe(200);
      const viaHeader = await token(
        w,
        { grant_type: 'password', username: 'alice', password: PASSWORD },
        { headers: { Authorization: basic(w.publicClient, '') } },
      );
      expect(viaHeader.status).toBe(200);
      expectTokenError(await login(w, { client_secret: 'invented' }), 401, 'invalid_client');
    });

    it('RFC 6749 §2.3: using two authentication methods at once is invalid_request', async () => {
      const w = await world(app);
      const answer = await token(
        w,
        {
          grant_type: 'password',
          username: 'alice',
          password: PASSWORD,
          client_secret: w.confidential.secret,
        },
        { headers: { Authorization: basic(w.confidential.id, w.confidential.secret) } },
      );
      expectTokenError(answer, 400, 'invalid_request');
    });

    it('RFC 6749 §5.2: an Authorization header of another scheme, or malformed, is invalid_client', async () => {
      const w = await world(app);
      for (const header of [
        'Bearer abc',
        'Basic',
        'Basic !!!',
        `Basic ${Buffer.from('no-colon').toString('base64')}`,
      ]) {
        const answer = await token(
          w,
          { grant_type: 'password', username: 'alice', password: PASSWORD },
          { headers: { Authorization: header } },
        );
        expectTokenError(answer, 401, 'invalid_client');
        expect(answer.headers.get('www-authenticate')).toMatch(/^Basic /);
      }
    });
  });

  describe('password grant', () => {
    it('RFC 6749 §4.3.2: username and password are required', async () => {
      const w = await world(app);
      expectTokenError(await login(w, { username: '' }), 400, 'invalid_request');
      expectTokenError(await login(w, { password: '' }), 400, 'invalid_request');
    });

    it('RFC 6749 §5.2: a wrong password and an unknown user give the same invalid_grant', async () => {
      const w = await world(app);
      const wrongPassword = await login(w, { password: 'not the password' });
      const unknownUser = await login(w, { username: 'mallory' });
      expectTokenError(wrongPassword, 400, 'invalid_grant');
      expect(unknownUser.body).toEqual(wrongPassword.body);
      expect(unknownUser.status).toBe(wrongPassword.status);
    });

    it('a disabled user cannot log in', async () => {
      const w = await world(app);
      await w.sentinel.users.setDisabled(w.aliceId, true);
      expectTokenError(await login(w), 400, 'invalid_grant');
      await w.sentinel.users.setDisabled(w.aliceId, false);
      expect((await login(w)).status).toBe(200);
    });

    it('RFC 6749 §3.3: scope must be within the client’s scopes; omitted gets them all', async () => {
      const w = await world(app);
      const narrow = await login(w, { scope: 'read' });
      expect(narrow.status).toBe(200);
      expect(narrow.body.scope).toBe('read');
      expectTokenError(await login(w, { scope: 'read delete' }), 400, 'invalid_scope');
      expectTokenError(await login(w, { scope: 'read  write' }), 400, 'invalid_scope');
      expectTokenError(await login(w, { scope: 'bad"quote' }), 400, 'invalid_scope');
    });

    it('every login starts a new family: several devices stay logged in at once', async () => {
      const w = await world(app);
      const first = await login(w);
      const second = await login(w);
      expect((await resource(w, str(first.body.access_token))).status).toBe(200);
      expect((await resource(w, str(second.body.access_token))).status).toBe(200);
      const a = await w.tokens.find(digest(str(first.body.access_token)));
      const b = await w.tokens.find(digest(str(second.body.access_token)));
      expect(a?.familyId).not.toBe(b?.familyId);
    });

    it('tokens are stored only as SHA-256 digests', async () => {
      const w = await world(app);
      const answer = await login(w);
      const access = str(answer.body.access_token);
      const refreshToken = str(answer.body.refresh_token);
      expect((await resource(w, access)).status).toBe(200);
      expect(await w.tokens.find(access)).toBeNull();
      expect(await w.tokens.find(refreshToken)).toBeNull();
      expect((await w.tokens.find(digest(access)))?.kind).toBe('access');
      expect((await w.tokens.find(digest(refreshToken)))?.kind).toBe('refresh');
      const cached = await w.cache.get(digest(access), 0);
      expect(cached.status).toBe('hit');
      expect(JSON.stringify(cached)).not.toContain(access);
    });
  });
}
