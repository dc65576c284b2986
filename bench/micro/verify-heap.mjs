#!/usr/bin/env -S node --expose-gc
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { runLoad } from '../lib/load.mjs';
import { sentinelWithToken } from './world.mjs';

/**
 * Whether cached verifications leave anything behind: the demo's Hono app in this process,
 * `--batches` loads of autocannon (another process) on `/endpoint` with one cached token, and
 * after each a full garbage collection and the heap that is left. A flat column means the
 * verification path keeps nothing.
 *
 *   eval "$(scripts/services.sh env)"; pnpm build
 *   node --expose-gc bench/micro/verify-heap.mjs [--batches 4] [--seconds 10]
 */
const redisUrl = process.env.REDIS_URL;
if (!redisUrl) throw new Error('REDIS_URL must be set (eval "$(scripts/services.sh env)")');
const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);
if (gc === undefined) throw new Error('run with node --expose-gc');
/** @param {string} name @param {number} fallback */
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const batches = option('batches', 4);
const seconds = option('seconds', 10);

const { demoApp } = await import('../../apps/demo/dist/app.js');
const { core, redis, accessToken } = await sentinelWithToken(redisUrl);
const server = createServer(getRequestListener(demoApp(core).fetch));
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = /** @type {import('node:net').AddressInfo} */ (server.address());

const liveHeapMib = () => {
  gc();
  gc();
  return (process.memoryUsage().heapUsed / 2 ** 20).toFixed(1);
};
process.stdout.write(`before: ${liveHeapMib()} MiB live heap\n`);
let total = 0;
for (let batch = 1; batch <= batches; batch++) {
  const result = await runLoad({
    url: `http://127.0.0.1:${address.port}`,
    path: '/endpoint',
    method: 'GET',
    headers: { authorization: `Bearer ${accessToken}` },
    connections: 10,
    durationS: seconds,
    timeoutS: 30,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`failures: ${JSON.stringify(result)}`);
  total += result.ok;
  process.stdout.write(`after ${total} verifications: ${liveHeapMib()} MiB live heap\n`);
}
server.close();
redis.disconnect();
await core.close();
