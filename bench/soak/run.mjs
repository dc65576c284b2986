#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { formatMarkdown, runSoak } from './soak.mjs';

/**
 * The soak by hand: `node bench/soak/run.mjs --seconds 60` (or `pnpm soak --seconds 60`, which
 * builds first), with MONGO_URL and REDIS_URL set (`eval "$(scripts/services.sh env)"`). It
 * starts the built demo itself, prints progress on stderr, then the JSON summary and the
 * Markdown table on stdout; it exits 1 on any 5xx, mismatch, unexpected answer or transport
 * error, and 2 when it cannot run.
 */
const USAGE = `usage: node bench/soak/run.mjs [--seconds 60] [--vus 16] [--users 8] [--cost 12]
  [--token-lifetime 20] [--verifies 3] [--refreshes 2] [--samples 2] [--revoke-every 3]
  [--max-requests N] [--timeout-ms 30000] [--seed N]
needs MONGO_URL and REDIS_URL (eval "$(scripts/services.sh env)") and the built demo (pnpm build)`;

const numeric = [
  'seconds',
  'vus',
  'users',
  'cost',
  'token-lifetime',
  'verifies',
  'refreshes',
  'samples',
  'revoke-every',
  'max-requests',
  'timeout-ms',
  'seed',
];

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        ...Object.fromEntries(
          numeric.map((name) => [name, { type: /** @type {const} */ ('string') }]),
        ),
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  /** @type {Record<string, number | undefined>} */
  const n = {};
  for (const name of numeric) {
    const raw = /** @type {Record<string, unknown>} */ (values)[name];
    if (raw === undefined) continue;
    if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) <= 0) {
      process.stderr.write(`--${name} takes a positive integer, not ${String(raw)}\n${USAGE}\n`);
      return 2;
    }
    n[name] = Number(raw);
  }
  const mongoUrl = process.env.MONGO_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!mongoUrl || !redisUrl) {
    process.stderr.write(`MONGO_URL and REDIS_URL must be set\n${USAGE}\n`);
    return 2;
  }
  const summary = await runSoak({
    mongoUrl,
    redisUrl,
    seconds: n.seconds,
    vus: n.vus,
    users: n.users,
    cost: n.cost,
    tokenLifetime: n['token-lifetime'],
    verifies: n.verifies,
    refreshes: n.refreshes,
    samples: n.samples,
    revokeEvery: n['revoke-every'],
    maxRequests: n['max-requests'],
    requestTimeoutMs: n['timeout-ms'],
    seed: n.seed,
    log: (line) => process.stderr.write(`soak: ${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n\n${formatMarkdown(summary)}\n`);
  if (!summary.ok) process.stderr.write('soak: FAILED (see failures above)\n');
  return summary.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
