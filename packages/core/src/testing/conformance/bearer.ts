import { describe, expect, it } from 'vitest';
import { type ConformanceApp, login, resource, send, str, world } from './helpers.js';

export function bearerTests(app: ConformanceApp): void {
  describe('protected resources (RFC 6750)', () => {
    it('RFC 6750 §2.1: a valid token reaches the route, which sees the principal', async () => {
      const w = await world(app);
      const answer = await login(w, { scope: 'read' });
      const ok = await resource(w, str(answer.body.access_token));
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({
        userId: w.aliceId,
        username: 'alice',
        clientId: w.publicClient,
        scope: ['read'],
        expiresAt: new Date(w.clock.now() + 3600_000).toISOString(),
      });
    });

    it('RFC 6750 §3.1: no credentials get 401 with a bare Bearer challenge', async () => {
      const w = await world(app);
      const answer = await resource(w, null);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="sentinel"');
      expect(answer.body.error).toBeUndefined();
    });

    it('RFC 6750 §3.1: credentials of another scheme count as none', async () => {
      const w = await world(app);
      const answer = await send(w, '/protected', {
        headers: { Authorization: 'Basic RG9udFRoaW5rU28=' },
      });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="sentinel"');
    });

    it('RFC 6750 §2.1: the scheme is case-insensitive', async () => {
      const w = await world(app);
      const answer = await login(w);
      const lower = await send(w, '/protected', {
        headers: { Authorization: `bearer ${str(answer.body.access_token)}` },
      });
      expect(lower.status).toBe(200);
    });

    it('RFC 6750 §3.1: a malformed Bearer header is 400 invalid_request', async () => {
      const w = await world(app);
      for (const header of ['Bearer', 'Bearer ', 'Bearer a b', 'Bearer ä', 'Bearer a=b']) {
        const answer = await send(w, '/protected', { headers: { Authorization: header } });
        expect(answer.status).toBe(400);
        expect(answer.body.error).toBe('invalid_request');
        expect(answer.headers.get('www-authenticate')).toMatch(
          /^Bearer realm="sentinel", error="invalid_request"/,
        );
      }
    });

    it('RFC 6750 §3.1: an unknown token is 401 invalid_token', async () => {
      const w = await world(app);
      const answer = await resource(w, 'DontThinkSo');
      expect(answer.status).toBe(401);
      expect(answer.body.error).toBe('invalid_token');
      expect(answer.headers.get('www-authenticate')).toMatch(
        /^Bearer realm="sentinel", error="invalid_token"/,
      );
    });

    it('RFC 6750 §3.1: an expired token is 401 invalid_token, cached or not', async () => {
      const w = await world(app);
      const answer = await login(w);
      const access = str(answer.body.access_token);
      expect((await resource(w, access)).status).toBe(200);
      w.clock.advance(3600_000);
      expect((await resource(w, access)).body.error).toBe('invalid_token');
    });

    it('RFC 6750 §3.1: a token whose user was disabled or deleted is invalid_token', async () => {
      const w = await world(app);
      const access = str((await login(w)).body.access_token);
      expect((await resource(w, access)).status).toBe(200);
      await w.sentinel.users.setDisabled(w.aliceId, true);
      expect((await resource(w, access)).body.error).toBe('invalid_token');
      await w.sentinel.users.setDisabled(w.aliceId, false);
      const again = str((await login(w)).body.access_token);
      expect((await resource(w, again)).status).toBe(200);
      await w.sentinel.users.delete(w.aliceId);
      expect((await resource(w, again)).body.error).toBe('invalid_token');
    });

    it('RFC 6750 §3.1: a token without the route’s scope is 403 insufficient_scope', async () => {
      const w = await world(app);
      const reader = str((await login(w, { scope: 'read' })).body.access_token);
      const answer = await resource(w, reader, '/protected/admin');
      expect(answer.status).toBe(403);
      expect(answer.body.error).toBe('insufficient_scope');
      expect(answer.headers.get('www-authenticate')).toMatch(
        /error="insufficient_scope".*scope="admin"/,
      );
      const adminToken = str((await login(w, { scope: 'admin' })).body.access_token);
      expect((await resource(w, adminToken, '/protected/admin')).status).toBe(200);
    });

    it('RFC 6750 §2: a token in the query string is not accepted', async () => {
      const w = await world(app);
      const access = str((await login(w)).body.access_token);
      const answer = await send(w, `/protected?access_token=${access}`);
      expect(answer.status).toBe(401);
      expect(answer.body.error).toBeUndefined();
    });
  });
}
