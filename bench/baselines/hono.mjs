import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import { listenAndServe, PROTECTED_MESSAGE, required } from '../lib/serve.mjs';

/**
 * The floor on Hono, served as the demo serves it (`getRequestListener` on `node:http`):
 * `GET /bare` answers the demo's protected message at once; `GET /redis` first does one Redis
 * `GET` of BASELINE_KEY (a value the size of a Sentinel cache entry), as a cached token check
 * must. Environment: REDIS_URL, BASELINE_KEY, PORT, HOST.
 */
const redis = new Redis(required('REDIS_URL'));
const key = required('BASELINE_KEY');
const app = new Hono();
app.get('/bare', (c) => c.text(PROTECTED_MESSAGE));
app.get('/redis', async (c) => {
  const value = await redis.get(key);
  if (value === null) return c.text('baseline key missing', 500);
  return c.text(PROTECTED_MESSAGE);
});

listenAndServe('baseline-hono', createServer(getRequestListener(app.fetch)), () =>
  redis.disconnect(),
);
