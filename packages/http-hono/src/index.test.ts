import type { Sentinel } from '@sentinel/core';
import { createMemorySentinel, httpConformanceSuite } from '@sentinel/core/testing';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { type OAuthEnv, requireOAuth, sentinel } from './index.js';

/** A Hono app as a user would write it: Sentinel mounted beside resource routes. */
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

httpConformanceSuite('Hono', (core) => {
  const app = honoApp(core);
  return { fetch: async (request) => app.request(request) };
});

describe('Hono binding', () => {
  it('leaves the host app’s own routes alone', async () => {
    const { sentinel: core } = createMemorySentinel();
    const app = honoApp(core);
    app.get('/health', (c) => c.text('ok'));
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });

  it('rejects an invalid required scope when the route is set up, not per request', () => {
    const { sentinel: core } = createMemorySentinel();
    expect(() => requireOAuth(core, { scope: 'bad"scope' })).toThrow(TypeError);
  });
});
