import { describe, expect, it } from 'vitest';
import {
  basic,
  type ConformanceApp,
  expectNoStore,
  expectTokenError,
  login,
  refresh,
  resource,
  send,
  str,
  token,
  type World,
  world,
} from './helpers.js';

const revoke = (w: World, params: Record<string, string>, headers: Record<string, string> = {}) =>
  token(w, params, { path: '/oauth/revoke', headers });
const introspect = (w: World, tokenValue: string, headers?: Record<string, string>) =>
  token(
    w,
    { token: tokenValue },
    {
      path: '/oauth/introspect',
      headers: headers ?? { Authorization: basic(w.confidential.id, w.confidential.secret) },
    },
  );

export function standardEndpointTests(app: ConformanceApp): void {
  describe('revocation (RFC 7009)', () => {
    it('RFC 7009 §2.2: revoking an access token answers 200 JSON and the token stops working', async () => {
      const w = await world(app);
      const tokens = await login(w);
      const access = str(tokens.body.access_token);
      expect((await resource(w, access)).status).toBe(200);
      const answer = await revoke(w, {
        client_id: w.publicClient,
        token: access,
        token_type_hint: 'access_token',
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.body).toEqual({});
      expectNoStore(answer);
      expect((await resource(w, access)).status).toBe(401);
      // The refresh token of that login is untouched.
      expect((await refresh(w, str(tokens.body.refresh_token))).status).toBe(200);
    });

    it('RFC 7009 §2.1: revoking a refresh token revokes every token of that login', async () => {
      const w = await world(app);
      const tokens = await login(w);
      const other = await login(w);
      const answer = await revoke(w, {
        client_id: w.publicClient,
        token: str(tokens.body.refresh_token),
      });
      expect(answer.status).toBe(200);
      expect((await resource(w, str(tokens.body.access_token))).status).toBe(401);
      expectTokenError(await refresh(w, str(tokens.body.refresh_token)), 400, 'invalid_grant');
      expect((await resource(w, str(other.body.access_token))).status).toBe(200);
    });

    it('RFC 7009 §2.2: an unknown or already revoked token also gets 200', async () => {
      const w = await world(app);
      const access = str((await login(w)).body.access_token);
      for (const value of ['no-such-token', access, access]) {
        const answer = await revoke(w, { client_id: w.publicClient, token: value });
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({});
      }
    });

    it('RFC 7009 §2.1: clients authenticate as at the token endpoint, and revoke only their own tokens', async () => {
      const w = await world(app);
      const access = str((await login(w)).body.access_token);
      const wrongSecret = await revoke(
        w,
        { token: access },
        { Authorization: basic(w.confidential.id, 'nope') },
      );
      expectTokenError(wrongSecret, 401, 'invalid_client');
      expect(wrongSecret.headers.get('www-authenticate')).toMatch(/^Basic /);
      expectTokenError(await revoke(w, { token: access }), 401, 'invalid_client');
      const notTheirs = await revoke(
        w,
        { token: access },
        { Authorization: basic(w.confidential.id, w.confidential.secret) },
      );
      expectTokenError(notTheirs, 400, 'invalid_request');
      expect((await resource(w, access)).status).toBe(200);
      expectTokenError(await revoke(w, { client_id: w.publicClient }), 400, 'invalid_request');
    });

    it('RFC 7009 §2.1: POST with a form body only', async () => {
      const w = await world(app);
      const get = await send(w, '/oauth/revoke');
      expectTokenError(get, 405, 'invalid_request');
      expect(get.headers.get('allow')).toBe('POST');
      const asJson = await send(w, '/oauth/revoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ client_id: w.publicClient, token: 'x' }),
      });
      expectTokenError(asJson, 400, 'invalid_request');
    });
  });

  describe('introspection (RFC 7662)', () => {
    it('RFC 7662 §2.2: an active access token is described', async () => {
      const w = await world(app);
      const tokens = await login(w, { scope: 'read write' });
      const answer = await introspect(w, str(tokens.body.access_token));
      expect(answer.status).toBe(200);
      expectNoStore(answer);
      const now = Math.floor(w.clock.now() / 1000);
      expect(answer.body).toEqual({
        active: true,
        scope: 'read write',
        client_id: w.publicClient,
        username: 'alice',
        sub: w.aliceId,
        token_type: 'Bearer',
        exp: now + 3600,
        iat: now,
      });
      const viaPost = await token(
        w,
        {
          token: str(tokens.body.refresh_token),
          client_id: w.confidential.id,
          client_secret: w.confidential.secret,
        },
        { path: '/oauth/introspect' },
      );
      expect(viaPost.body).toMatchObject({
        active: true,
        token_type: 'refresh_token',
        sub: w.aliceId,
      });
    });

    it('RFC 7662 §2.2: unknown, expired, revoked and spent tokens are only {"active": false}', async () => {
      const w = await world(app);
      const first = await login(w);
      const second = await refresh(w, str(first.body.refresh_token));
      const revoked = str((await login(w)).body.access_token);
      await revoke(w, { client_id: w.publicClient, token: revoked });
      for (const value of [
        'no-such-token',
        str(first.body.refresh_token),
        str(first.body.access_token),
        revoked,
      ]) {
        expect((await introspect(w, value)).body).toEqual({ active: false });
      }
      w.clock.advance(3600_000);
      expect((await introspect(w, str(second.body.access_token))).body).toEqual({ active: false });
    });

    it('RFC 7662 §2.1: only confidential clients may introspect', async () => {
      const w = await world(app);
      const access = str((await login(w)).body.access_token);
      const pub = await token(
        w,
        { token: access, client_id: w.publicClient },
        { path: '/oauth/introspect' },
      );
      expectTokenError(pub, 401, 'invalid_client');
      const wrong = await introspect(w, access, {
        Authorization: basic(w.confidential.id, 'wrong'),
      });
      expectTokenError(wrong, 401, 'invalid_client');
      expectTokenError(await introspect(w, '', undefined), 400, 'invalid_request');
    });
  });

  describe('client credentials grant (RFC 6749 §4.4)', () => {
    it('RFC 6749 §4.4.3: a confidential client that lists it gets a token of its own, without refresh token', async () => {
      const w = await world(app);
      const { client, secret } = await w.sentinel.clients.create({
        type: 'confidential',
        grants: ['client_credentials'],
        scopes: ['jobs'],
      });
      const answer = await token(
        w,
        { grant_type: 'client_credentials' },
        {
          headers: { Authorization: basic(client.clientId, secret ?? '') },
        },
      );
      expect(answer.status).toBe(200);
      expectNoStore(answer);
      expect(answer.body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'jobs',
      });
      const seen = await resource(w, str(answer.body.access_token));
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({
        userId: null,
        username: null,
        clientId: client.clientId,
        scope: ['jobs'],
      });
      const described = await introspect(w, str(answer.body.access_token));
      expect(described.body).toMatchObject({
        active: true,
        sub: client.clientId,
        client_id: client.clientId,
      });
      expect(described.body.username).toBeUndefined();
    });

    it('RFC 6749 §4.4: clients that do not list it get unauthorized_client; scope is checked', async () => {
      const w = await world(app);
      const notListed = await token(
        w,
        { grant_type: 'client_credentials' },
        {
          headers: { Authorization: basic(w.confidential.id, w.confidential.secret) },
        },
      );
      expectTokenError(notListed, 400, 'unauthorized_client');
      const { client, secret } = await w.sentinel.clients.create({
        type: 'confidential',
        grants: ['client_credentials'],
        scopes: ['jobs'],
      });
      const wide = await token(
        w,
        { grant_type: 'client_credentials', scope: 'jobs admin' },
        {
          headers: { Authorization: basic(client.clientId, secret ?? '') },
        },
      );
      expectTokenError(wide, 400, 'invalid_scope');
    });
  });

  describe('authorization server metadata (RFC 8414)', () => {
    it('RFC 8414 §3.2: the metadata names every endpoint under the issuer', async () => {
      const w = await world(app, { issuer: 'https://auth.example.com' });
      const answer = await send(w, '/.well-known/oauth-authorization-server');
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        issuer: 'https://auth.example.com',
        token_endpoint: 'https://auth.example.com/oauth/token',
        revocation_endpoint: 'https://auth.example.com/oauth/revoke',
        introspection_endpoint: 'https://auth.example.com/oauth/introspect',
        grant_types_supported: ['password', 'refresh_token', 'client_credentials'],
        response_types_supported: [],
        scopes_supported: ['admin', 'read', 'write'],
        token_endpoint_auth_methods_supported: [
          'client_secret_basic',
          'client_secret_post',
          'none',
        ],
        revocation_endpoint_auth_methods_supported: [
          'client_secret_basic',
          'client_secret_post',
          'none',
        ],
        introspection_endpoint_auth_methods_supported: [
          'client_secret_basic',
          'client_secret_post',
        ],
      });
    });

    it('RFC 8414 §2: by default the issuer is the origin the request reached', async () => {
      const w = await world(app);
      const answer = await send(w, '/.well-known/oauth-authorization-server');
      expect(answer.body.issuer).toBe('https://sentinel.test');
      expect(answer.body.token_endpoint).toBe('https://sentinel.test/oauth/token');
    });

    it('paths follow the configured prefix and URLs; disabled endpoints are left out', async () => {
      const w = await world(app, {
        issuer: 'https://auth.example.com/',
        routePrefix: '/auth',
        tokenUrl: '/access',
        introspectUrl: false,
        scopesSupported: ['profile'],
      });
      const answer = await send(w, '/.well-known/oauth-authorization-server');
      expect(answer.body).toMatchObject({
        issuer: 'https://auth.example.com',
        token_endpoint: 'https://auth.example.com/auth/access',
        revocation_endpoint: 'https://auth.example.com/auth/revoke',
        scopes_supported: ['profile'],
      });
      expect(answer.body.introspection_endpoint).toBeUndefined();
      expect((await token(w, { token: 'x' }, { path: '/auth/introspect' })).status).toBe(404);
      const off = await world(app, { metadata: false, revokeUrl: false });
      expect((await send(off, '/.well-known/oauth-authorization-server')).status).toBe(404);
      expect((await revoke(off, { client_id: off.publicClient, token: 'x' })).status).toBe(404);
    });

    it('RFC 8414 §3: metadata is read with GET', async () => {
      const w = await world(app);
      const answer = await send(w, '/.well-known/oauth-authorization-server', { method: 'POST' });
      expect(answer.status).toBe(405);
      expect(answer.headers.get('allow')).toBe('GET, HEAD');
    });
  });
}
