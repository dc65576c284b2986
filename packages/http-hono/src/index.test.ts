import { createMemorySentinel, httpConformanceSuite } from '@sentinel/core/testing';
import { describe, expect, it } from 'vitest';
import { honoApp } from '../test/app.js';
import { requireOAuth } from './index.js';

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
