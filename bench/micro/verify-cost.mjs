#!/usr/bin/env node
import { Redis } from 'ioredis';
import { sentinelWithToken } from './world.mjs';

/**
 * What the core's token check costs by itself: `core.authenticator()` on a cached token against
 * a bare ioredis `GET` of a value of the same size, each run 10 at a time in a loop, in this
 * process, with no HTTP at all. Prints CPU and wall time per call for each, rounds alternating.
 *
 *   eval "$(scripts/services.sh env)"; pnpm build; node bench/micro/verify-cost.mjs [--calls 20000]
 */
const redisUrl = process.env.REDIS_URL;
if (!redisUrl) throw new Error('REDIS_URL must be set (eval "$(scripts/services.sh env)")');
const callsArg = process.argv.indexOf('--calls');
const calls = callsArg === -1 ? 20_000 : Number(process.argv[callsArg + 1]);
const concurrency = 10;

const { core, redis, accessToken } = await sentinelWithToken(redisUrl);
const plain = new Redis(redisUrl);
const key = `bench:micro:${Date.now().toString(36)}`;
await plain.set(key, 'x'.repeat(120), 'PX', 600_000);
const check = core.authenticator();
const header = `Bearer ${accessToken}`;

/** @type {Record<string, () => Promise<unknown>>} */
const subjects = {
  'ioredis GET': () => plain.get(key),
  'core check': async () => {
    const result = await check(header);
    if (!result.ok) throw new Error('the token was refused');
  },
};

/** @param {() => Promise<unknown>} fn @param {number} n */
async function loop(fn, n) {
  for (let i = 0; i < n; i++) await fn();
}

/** @param {() => Promise<unknown>} fn */
async function measure(fn) {
  await Promise.all(Array.from({ length: concurrency }, () => loop(fn, calls / concurrency / 5)));
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, () => loop(fn, calls / concurrency)));
  const used = process.cpuUsage(cpu);
  return {
    wallUs: ((performance.now() - started) * 1000) / calls,
    cpuUs: (used.user + used.system) / calls,
  };
}

for (let round = 1; round <= 3; round++) {
  for (const [name, fn] of Object.entries(subjects)) {
    const { wallUs, cpuUs } = await measure(fn);
    process.stdout.write(
      `round ${round}  ${name.padEnd(12)} ${cpuUs.toFixed(1)} µs CPU, ${wallUs.toFixed(1)} µs wall per call\n`,
    );
  }
}
await plain.del(key);
plain.disconnect();
redis.disconnect();
await core.close();
