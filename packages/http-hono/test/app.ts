import type { Sentinel } from '@sentinel/core';
import { Hono } from 'hono';
import { type OAuthEnv, requireOAuth, sentinel } from '../src/index.js';

/**
 * A Hono app as a user would write it, for the conformance and fuzz suites: Sentinel mounted
 * beside two resource routes, the client IP from the `x-test-client-ip` header, JSON 404s.
 */
export function honoApp(core: Sentinel): Hono<OAuthEnv> {
  const app = new Hono<OAuthEnv>();
  app.route(
    '/',
    sentinel(core, { clientIp: (c) => c.req.header('x-test-client-ip') ?? '127.0.0.1' }),
  );
  app.get('/protected', requireOAuth(core), (c) => c.json(c.get('oauth')));
  app.get('/protected/admin', requireOAuth(core, { scope: 'admin' }), (c) =>
    c.json(c.get('oauth')),
  );
  app.notFound((c) => c.json({ error: 'not_found', error_description: 'No such route.' }, 404));
  return app;
}
