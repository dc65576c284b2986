import { createServer } from 'node:http';
import express from 'express';
import { Redis } from 'ioredis';
import { listenAndServe, PROTECTED_MESSAGE, required } from '../lib/serve.mjs';

/**
 * The floor on Express 5, as the demo's Express app is set up (`x-powered-by` off):
 * `GET /bare` answers the demo's protected message at once; `GET /redis` first does one Redis
 * `GET` of BASELINE_KEY. Environment: REDIS_URL, BASELINE_KEY, PORT, HOST.
 */
const redis = new Redis(required('REDIS_URL'));
const key = required('BASELINE_KEY');
const app = express();
app.disable('x-powered-by');
app.get('/bare', (_req, res) => {
  res.type('text/plain').send(PROTECTED_MESSAGE);
});
app.get('/redis', async (_req, res) => {
  const value = await redis.get(key);
  if (value === null) {
    res.status(500).type('text/plain').send('baseline key missing');
    return;
  }
  res.type('text/plain').send(PROTECTED_MESSAGE);
});

listenAndServe('baseline-express', createServer(app), () => redis.disconnect());
