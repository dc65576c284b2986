#!/usr/bin/env node
import { mkdirSync } from 'node:fs';
import { platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import {
  bcryptParallelRate,
  bcryptVerifyMs,
  coreCount,
  cpuBetween,
  cpuModel,
  cpuSnapshot,
  load1,
} from './lib/machine.mjs';
import { formatMarkdown, judge, writeSection } from './lib/report.mjs';
import { medians, runBaselines, runRss, runServer } from './lib/scenarios.mjs';

/**
 * The benchmark: `pnpm bench` (builds first) or `node bench/run.mjs`, with REDIS_URL set
 * (`eval "$(scripts/services.sh env)"`). Runs every scenario with the same autocannon settings
 * against real processes on 127.0.0.1, measures bcrypt on this machine, runs the mixed-load RSS
 * run, judges the goals, prints the JSON and the Markdown, and writes the Markdown into
 * docs/benchmarks.md between its markers. Exits 1 if a scenario errored, 2 if it cannot run.
 */
const USAGE = `usage: node bench/run.mjs [--duration 10] [--connections 10] [--warmup 2]
  [--rss-seconds 60] [--smoke] [--profile [--profile-dir DIR]] [--only REGEX] [--no-write]
  [--rounds 3] [--demo PATH] [--wait-load 1.5] [--wait-minutes 20]
  --rounds N     every scenario N times over (1 with --smoke); the figures are the medians
  --demo PATH    the built demo to run (another checkout's apps/demo/dist/main.js), to compare
  --smoke        2 s per scenario, no warm-up, no RSS run, no doc write, bcrypt cost 8 instead
                 of 12; exit 1 only on errors
  --profile      CPU-profile every server (as --cpu-prof does) into <profile-dir>/<date>/<server>/;
                 --profile-dir defaults to $TMPDIR/sentinel-bench-profiles; read them with
                 node bench/profile.mjs <folder> [--inclusive]
  --only REGEX   only the scenarios whose id (e.g. sentinel-hono/verify, rss) matches; no doc write
  --wait-load X  before starting, wait (up to --wait-minutes) for the 1-minute load average < X
needs REDIS_URL (eval "$(scripts/services.sh env)") and the built demo (pnpm build); with MONGO_URL
also set, the RSS run keeps the demo's data in MongoDB rather than in the process`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC = join(ROOT, 'docs/benchmarks.md');

/**
 * @param {string | undefined} raw
 * @param {number} fallback
 * @param {string} name
 */
function number(raw, fallback, name) {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} takes a number, not ${raw}`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      'rss-seconds': { type: 'string' },
      smoke: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'profile-dir': { type: 'string' },
      only: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      'wait-load': { type: 'string' },
      'wait-minutes': { type: 'string' },
      rounds: { type: 'string' },
      demo: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    process.stderr.write(`REDIS_URL must be set\n${USAGE}\n`);
    return 2;
  }
  const smoke = values.smoke;
  /** @type {import('./lib/scenarios.mjs').Settings} */
  const settings = {
    connections: number(values.connections, 10, 'connections'),
    durationS: number(values.duration, smoke ? 2 : 10, 'duration'),
    warmupS: number(values.warmup, smoke ? 0 : 2, 'warmup'),
    timeoutS: 30,
    loginsInFlight: 8,
    rssSeconds: smoke ? 0 : number(values['rss-seconds'], 60, 'rss-seconds'),
    rssSampleS: 5,
    // The smoke's high cost is 8: at 12, the peer (which hashes on its event loop) answers no
    // login within 2 s, and the smoke must see every scenario answer.
    costs: smoke ? [8, 4] : [12, 4],
  };
  const only = values.only === undefined ? null : new RegExp(values.only);
  const write = !smoke && only === null && values.demo === undefined && !values['no-write'];
  const log = (/** @type {string} */ line) => process.stderr.write(`bench: ${line}\n`);
  const startedAt = new Date();
  const runId = startedAt.getTime().toString(36);
  const profileDir = values.profile
    ? join(
        values['profile-dir'] ?? join(tmpdir(), 'sentinel-bench-profiles'),
        startedAt.toISOString().replace(/[:.]/g, '-'),
      )
    : null;
  if (profileDir !== null) mkdirSync(profileDir, { recursive: true });

  // Wait for a quieter machine, when asked to.
  const attempts = [{ at: new Date().toISOString(), load1: load1() }];
  if (values['wait-load'] !== undefined) {
    const limit = number(values['wait-load'], 1.5, 'wait-load');
    const deadline = Date.now() + number(values['wait-minutes'], 20, 'wait-minutes') * 60_000;
    while (load1() >= limit && Date.now() < deadline) {
      log(`1-minute load average ${load1()} ≥ ${limit}; waiting`);
      await delay(30_000);
      attempts.push({ at: new Date().toISOString(), load1: load1() });
    }
  }

  const cores = coreCount();
  const loadAtStart = load1();
  const cpuStart = cpuSnapshot();
  log(`${cores} cores, load ${loadAtStart}; run ${runId}`);
  const bcrypt = [];
  for (const cost of settings.costs) {
    const samples = smoke ? (cost >= 10 ? 1 : 20) : cost >= 10 ? 8 : 400;
    const ms = bcryptVerifyMs(cost, samples);
    const parallelPerS = await bcryptParallelRate(cost, cores, Math.max(1, Math.ceil(samples / 2)));
    log(
      `bcrypt cost ${cost}: ${ms.toFixed(2)} ms per verify (mean of ${samples}); ` +
        `${parallelPerS.toFixed(1)}/s on ${cores} threads at once`,
    );
    bcrypt.push({ cost, ms, samples, parallelPerS });
  }

  const redis = new Redis(redisUrl);
  /** @type {import('./lib/scenarios.mjs').ScenarioResult[]} */
  const raw = [];
  /** @type {import('./lib/scenarios.mjs').ScenarioResult[]} */
  const scenarios = [];
  const rounds = smoke ? 1 : number(values.rounds, 3, 'rounds');
  /** @type {import('./lib/scenarios.mjs').RssRun | null} */
  let rss = null;
  const ctx = {
    settings,
    start: {
      redisUrl,
      runId,
      profileDir,
      ...(values.demo === undefined ? {} : { demoMain: values.demo }),
    },
    ...(process.env.MONGO_URL ? { rssMongoUrl: process.env.MONGO_URL } : {}),
    wanted: (/** @type {string} */ id) => only === null || only.test(id),
    log,
  };
  try {
    // Every scenario `rounds` times over, the servers in the same order each round: the figures
    // are the medians, so that a burst of other work on the machine moves one round, not the
    // result.
    for (let round = 1; round <= rounds; round++) {
      if (rounds > 1) log(`round ${round} of ${rounds}`);
      await runBaselines(ctx, raw, redis);
      for (const name of /** @type {const} */ (['sentinel-hono', 'sentinel-express', 'peer'])) {
        await runServer(ctx, raw, name);
      }
    }
    scenarios.push(...medians(raw));
    rss = await runRss(ctx);
  } finally {
    // This run's keys: the baseline's value and the peer's tokens (Sentinel's expire by TTL).
    const stream = redis.scanStream({ match: `bench:${runId}:*`, count: 1000 });
    for await (const keys of stream) {
      if (/** @type {string[]} */ (keys).length > 0)
        await redis.unlink(.../** @type {string[]} */ (keys));
    }
    redis.disconnect();
  }

  /** @type {import('./lib/report.mjs').Run} */
  const run = {
    command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    startedAt: startedAt.toISOString(),
    elapsedS: (Date.now() - startedAt.getTime()) / 1000,
    machine: { node: process.version, cores, cpu: cpuModel(), platform: platform() },
    load: {
      atStart: loadAtStart,
      atEnd: load1(),
      cpu: cpuBetween(cpuStart, cpuSnapshot()),
      attempts,
    },
    settings: { ...settings, rounds },
    bcrypt,
    scenarios,
    rss,
  };
  const goals = judge(run);
  const markdown = formatMarkdown(run, goals);
  const failed = raw.filter(
    (s) =>
      s.result === undefined || s.result.ok === 0 || s.result.errors > 0 || s.result.non2xx > 0,
  );
  process.stdout.write(`${JSON.stringify({ ok: failed.length === 0, run, goals }, null, 2)}\n`);
  process.stderr.write(`\n${markdown}\n`);
  if (write) {
    writeSection(DOC, markdown);
    log(`wrote ${DOC}`);
  }
  if (profileDir !== null) log(`CPU profiles in ${profileDir}`);
  for (const s of failed) log(`FAILED ${s.id}: ${s.error ?? JSON.stringify(s.result)}`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
