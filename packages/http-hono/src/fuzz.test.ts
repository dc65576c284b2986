import { httpFuzzSuite } from '@sentinel/core/testing';
import { honoApp } from '../test/app.js';

httpFuzzSuite('Hono', (core) => {
  const app = honoApp(core);
  return { fetch: async (request) => app.request(request) };
});
