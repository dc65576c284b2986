import type { Sentinel } from '@sentinel/core';
import { httpFuzzSuite } from '@sentinel/core/testing';
import { Hono } from 'hono';
import { type OAuthEnv, requireOAuth, sentinel } from './index.js';

/** The app of index.test.ts: Sentinel mounted beside two resource routes, JSON 404s. */
function honoApp(core: Sentinel) {
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

httpFuzzSuite('Hono', (core) => {
  const app = honoApp(core);
  return { fetch: async (request) => app.request(request) };
});
