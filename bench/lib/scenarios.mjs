import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { runLoad, startLoad } from './load.mjs';
import { load1, processCpuS } from './machine.mjs';
import {
  FORM,
  logIn,
  passwordForm,
  startBaseline,
  startPeer,
  startSentinel,
  TOKEN_PATH,
} from './targets.mjs';

/**
 * Every scenario of the benchmark, with the same autocannon settings for all: the baselines,
 * Sentinel on Hono and on Express, and the peer; then the mixed-load RSS run.
 */

/**
 * @typedef {object} Settings
 * @property {number} connections
 * @property {number} durationS
 * @property {number} warmupS Same load, unmeasured, just before each measured one; 0 for none.
 * @property {number} timeoutS Per request.
 * @property {number} loginsInFlight Concurrent looping logins in the contention scenario (8).
 * @property {number} rssSeconds Length of the mixed-load RSS run; 0 skips it.
 * @property {number} rssSampleS
 * @property {[number, number]} costs bcrypt costs: the default and the cheap one (12 and 4).
 */

/**
 * @typedef {object} ScenarioResult
 * @property {string} id `<target>/<kind>`
 * @property {string} target `baseline-hono`, `sentinel-express`, `peer`, …
 * @property {string} kind `bare`, `redis`, `verify`, `verify-under-logins`,
 *   `logins-during-verify`, `password-12`, `password-4`, `refresh`
 * @property {number} load1 1-minute load average as the scenario started.
 * @property {string} [error] Why it could not run.
 * @property {import('./load.mjs').LoadResult} [result]
 * @property {number | null} [serverCpuUs] CPU time of the server process (all its threads) per
 *   2xx answer over the measured run, microseconds.
 * @property {number | null} [loadCpuUs] Same for the load generator.
 * @property {{ rps: number, p50Ms: number, p99Ms: number }[]} [rounds] With several rounds: each
 *   round's figures, of which `result` holds the medians.
 */

/**
 * @typedef {object} RssRun
 * @property {string} target
 * @property {number} seconds
 * @property {'mongodb' | 'memory'} stores Where the demo kept users, clients and tokens.
 * @property {{ atS: number, rssMb: number }[]} samples
 * @property {number | null} peakMb VmHWM at the end.
 * @property {{ atS: number, heapUsed: number, heapTotal: number, external: number }[]} heap
 *   The demo's own `process.memoryUsage()` (MiB) at each sample, from `memory-log.mjs`.
 * @property {Record<string, import('./load.mjs').LoadResult>} loads
 * @property {{ before: MemoryAfterGc, after: MemoryAfterGc } | null} afterGc The main thread
 *   after a full garbage collection, just before the load started and just after it ended:
 *   the memory the process really keeps.
 */

/**
 * @typedef {object} MemoryAfterGc
 * @property {number} heapUsedMb
 * @property {number} rssMb
 */

/**
 * @typedef {object} Context
 * @property {Settings} settings
 * @property {import('./targets.mjs').StartOptions} start
 * @property {string} [rssMongoUrl] MongoDB for the RSS run's demo (MONGO_URL); memory without it.
 * @property {(id: string) => boolean} wanted
 * @property {(line: string) => void} log
 */

/** A 43-character stand-in bearer token, so that the baselines get requests of the same size. */
const FAKE_BEARER = `Bearer ${randomBytes(32).toString('base64url')}`;

/**
 * Runs a measured load (after a warm-up of the same load), and records it with the CPU time
 * the server and the load generator spent per answer.
 *
 * @param {Context} ctx
 * @param {ScenarioResult[]} out
 * @param {string} name
 * @param {import('./targets.mjs').Target} target
 * @param {string} kind
 * @param {() => Promise<import('./load.mjs').LoadSpec>} makeSpec Called for the warm-up and
 *   again for the measured run (a refresh run needs fresh tokens).
 */
async function measure(ctx, out, name, target, kind, makeSpec) {
  const id = `${name}/${kind}`;
  if (!ctx.wanted(id)) return;
  const load = load1();
  try {
    if (ctx.settings.warmupS > 0) {
      await runLoad({ ...(await makeSpec()), durationS: ctx.settings.warmupS });
    }
    const spec = await makeSpec();
    const before = processCpuS(target.pid);
    const result = await runLoad(spec);
    const after = processCpuS(target.pid);
    out.push({
      id,
      target: name,
      kind,
      load1: load,
      result,
      ...cpuPerAnswer(result, before, after),
    });
    ctx.log(`${id}: ${describe(result)} (load ${load})`);
  } catch (error) {
    out.push({ id, target: name, kind, load1: load, error: String(error) });
    ctx.log(`${id}: ERROR ${String(error)}`);
  }
}

/**
 * @param {import('./load.mjs').LoadResult} result
 * @param {number | null} before
 * @param {number | null} after
 */
function cpuPerAnswer(result, before, after) {
  const per = (/** @type {number | null} */ seconds) =>
    seconds === null || result.ok === 0 ? null : Math.round((seconds / result.ok) * 1e7) / 10;
  return {
    serverCpuUs: per(before === null || after === null ? null : after - before),
    loadCpuUs: per(result.cpuS),
  };
}

/** @param {import('./load.mjs').LoadResult} r */
function describe(r) {
  const bad = r.non2xx + r.errors > 0 ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : '';
  return `${r.rps.toFixed(1)} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms${bad}`;
}

/**
 * @param {Context} ctx
 * @param {import('./targets.mjs').Target} target
 * @param {string} path
 * @param {string} authorization
 * @returns {import('./load.mjs').LoadSpec}
 */
function getSpec(ctx, target, path, authorization) {
  const { connections, durationS, timeoutS } = ctx.settings;
  return {
    url: target.base,
    path,
    method: 'GET',
    headers: { authorization },
    connections,
    durationS,
    timeoutS,
  };
}

/**
 * @param {Context} ctx
 * @param {import('./targets.mjs').Target} target
 * @param {number} [connections]
 * @returns {import('./load.mjs').LoadSpec}
 */
function loginSpec(ctx, target, connections = ctx.settings.connections) {
  const { durationS, timeoutS } = ctx.settings;
  return {
    url: target.base,
    path: TOKEN_PATH,
    method: 'POST',
    headers: FORM,
    body: passwordForm(target),
    connections,
    durationS,
    timeoutS,
  };
}

/**
 * @param {Context} ctx
 * @param {import('./targets.mjs').Target} target
 * @param {number} [connections]
 * @returns {Promise<import('./load.mjs').LoadSpec>}
 */
async function refreshSpec(ctx, target, connections = ctx.settings.connections) {
  const { durationS, timeoutS } = ctx.settings;
  // Two tokens per connection: one in flight, one spare for a chain lost to a timeout.
  const tokens = await logIn(target, connections * 2, 4);
  return {
    url: target.base,
    path: TOKEN_PATH,
    method: 'POST',
    headers: FORM,
    connections,
    durationS,
    timeoutS,
    refresh: { clientId: target.clientId, tokens: tokens.map((t) => t.refresh) },
  };
}

/**
 * Starts a target, runs `body`, and stops it (by PID) whatever happens.
 *
 * @param {Context} ctx
 * @param {() => Promise<import('./targets.mjs').Target>} start
 * @param {(target: import('./targets.mjs').Target) => Promise<void>} body
 */
async function withTarget(ctx, start, body) {
  const target = await start();
  ctx.log(`${target.name}: pid ${target.pid} on ${target.base}`);
  try {
    await body(target);
  } finally {
    const code = await target.stop();
    if (code !== 0) ctx.log(`${target.name}: exited with ${code}\n${target.stderr()}`);
  }
}

/**
 * The baselines: a bare route and a route doing one Redis GET, on Hono and on Express.
 *
 * @param {Context} ctx
 * @param {ScenarioResult[]} out
 * @param {import('ioredis').Redis} redis
 */
export async function runBaselines(ctx, out, redis) {
  const key = `bench:${ctx.start.runId}:baseline`;
  // About the size of a Sentinel cache entry (compact JSON of the principal).
  const value = JSON.stringify({
    u: randomBytes(12).toString('hex'),
    n: 'bench-user',
    c: randomBytes(20).toString('hex'),
    s: [],
    e: Date.now() + 3600_000,
  });
  await redis.set(key, value, 'PX', 3600_000);
  for (const framework of /** @type {const} */ (['hono', 'express'])) {
    const name = `baseline-${framework}`;
    if (!ctx.wanted(`${name}/bare`) && !ctx.wanted(`${name}/redis`)) continue;
    await withTarget(
      ctx,
      () => startBaseline(framework, key, ctx.start),
      async (target) => {
        await measure(ctx, out, name, target, 'bare', async () =>
          getSpec(ctx, target, '/bare', FAKE_BEARER),
        );
        await measure(ctx, out, name, target, 'redis', async () =>
          getSpec(ctx, target, '/redis', FAKE_BEARER),
        );
      },
    );
  }
}

/**
 * Sentinel on one binding, or the peer: cached verification, verification while 8 logins are
 * in flight, and the password grant on a server at the high cost; the password grant and the
 * refresh on one at the low cost.
 *
 * @param {Context} ctx
 * @param {ScenarioResult[]} out
 * @param {'sentinel-hono' | 'sentinel-express' | 'peer'} name
 */
export async function runServer(ctx, out, name) {
  const [high, low] = ctx.settings.costs;
  /** @param {number} cost */
  const start = (cost) =>
    name === 'peer'
      ? startPeer(cost, ctx.start)
      : startSentinel(name === 'sentinel-hono' ? 'hono' : 'express', cost, ctx.start);
  const highKinds = ['verify', 'verify-under-logins', `password-${high}`];
  if (highKinds.some((kind) => ctx.wanted(`${name}/${kind}`))) {
    await withTarget(
      ctx,
      () => start(high),
      async (target) => {
        const [token] = await logIn(target, 1);
        if (!token) throw new Error(`${name}: no token`);
        const bearer = `Bearer ${token.access}`;
        // The first check fills the cache; every later one is a cache hit.
        const first = await fetch(`${target.base}/endpoint`, {
          headers: { authorization: bearer },
        });
        if (first.status !== 200) throw new Error(`${name}: /endpoint answered ${first.status}`);
        await measure(ctx, out, name, target, 'verify', async () =>
          getSpec(ctx, target, '/endpoint', bearer),
        );
        await contention(ctx, out, name, target, bearer);
        await measure(ctx, out, name, target, `password-${high}`, async () =>
          loginSpec(ctx, target),
        );
      },
    );
  }
  if ([`password-${low}`, 'refresh'].some((kind) => ctx.wanted(`${name}/${kind}`))) {
    await withTarget(
      ctx,
      () => start(low),
      async (target) => {
        // Refresh first: the demo's in-memory token store keeps every token issued, and its
        // revocation (which each rotation does) walks all of them.
        await measure(ctx, out, name, target, 'refresh', () => refreshSpec(ctx, target));
        await measure(ctx, out, name, target, `password-${low}`, async () =>
          loginSpec(ctx, target),
        );
      },
    );
  }
}

/**
 * Verification load while `loginsInFlight` connections loop over the password grant (at the
 * high cost): the logins start first, the verification is measured while they run, and they are
 * stopped once it is done. The idle figure to compare with is the `verify` scenario just
 * before, on the same process.
 *
 * @param {Context} ctx
 * @param {ScenarioResult[]} out
 * @param {string} name
 * @param {import('./targets.mjs').Target} target
 * @param {string} bearer
 */
async function contention(ctx, out, name, target, bearer) {
  const id = `${name}/verify-under-logins`;
  if (!ctx.wanted(id)) return;
  const load = load1();
  const { durationS, warmupS } = ctx.settings;
  const logins = startLoad({
    ...loginSpec(ctx, target, ctx.settings.loginsInFlight),
    // Outlasts the verification; stopped as soon as it ends.
    durationS: durationS + warmupS + 30,
  });
  try {
    // Let the logins fill the queue and the hashing threads before verifying (a second; less in
    // a short run).
    await delay(Math.min(1000, durationS * 250));
    if (warmupS > 0) {
      await runLoad({ ...getSpec(ctx, target, '/endpoint', bearer), durationS: warmupS });
    }
    const before = processCpuS(target.pid);
    const result = await runLoad(getSpec(ctx, target, '/endpoint', bearer));
    const after = processCpuS(target.pid);
    out.push({
      id,
      target: name,
      kind: 'verify-under-logins',
      load1: load,
      result,
      // The server's CPU here includes the hashing threads', so leave it out.
      serverCpuUs: null,
      loadCpuUs: cpuPerAnswer(result, before, after).loadCpuUs,
    });
    ctx.log(`${id}: ${describe(result)} (load ${load})`);
  } catch (error) {
    out.push({ id, target: name, kind: 'verify-under-logins', load1: load, error: String(error) });
    ctx.log(`${id}: ERROR ${String(error)}`);
  } finally {
    logins.stop();
  }
  try {
    const result = await logins.done;
    out.push({
      id: `${name}/logins-during-verify`,
      target: name,
      kind: 'logins-during-verify',
      load1: load,
      result,
    });
    ctx.log(`${name}/logins-during-verify: ${describe(result)}`);
  } catch (error) {
    out.push({
      id: `${name}/logins-during-verify`,
      target: name,
      kind: 'logins-during-verify',
      load1: load,
      error: String(error),
    });
  }
}

/**
 * The mixed-load RSS run on Sentinel-Hono at the high cost: verification on every connection,
 * 2 connections looping over logins and 2 over refreshes (capped at 50/s in all), for
 * `rssSeconds`, sampling the demo's VmRSS every `rssSampleS`. With `ctx.rssMongoUrl` the demo
 * keeps its data in MongoDB, so that the figure is the process's own memory; in memory, every
 * token issued stays in the process and the RSS grows with them by design.
 *
 * @param {Context} ctx
 * @returns {Promise<RssRun | null>}
 */
export async function runRss(ctx) {
  const { rssSeconds, rssSampleS, costs } = ctx.settings;
  if (rssSeconds <= 0 || !ctx.wanted('rss')) return null;
  /** @type {RssRun | null} */
  let run = null;
  await withTarget(
    ctx,
    () =>
      startSentinel('hono', costs[0], {
        ...ctx.start,
        memoryLogMs: rssSampleS * 1000,
        ...(ctx.rssMongoUrl === undefined ? {} : { mongoUrl: ctx.rssMongoUrl }),
      }),
    async (target) => {
      const [token] = await logIn(target, 1);
      if (!token) throw new Error('rss: no token');
      const bearer = `Bearer ${token.access}`;
      const refresh = await refreshSpec(ctx, target, 2);
      const started = Date.now();
      /** @type {{ atS: number, rssMb: number }[]} */
      const samples = [];
      const gcBefore = await collectGarbage(target);
      const first = await target.rss();
      if (first) samples.push({ atS: 0, rssMb: first.rssMb });
      const loads = {
        verify: startLoad({ ...getSpec(ctx, target, '/endpoint', bearer), durationS: rssSeconds }),
        login: startLoad({ ...loginSpec(ctx, target, 2), durationS: rssSeconds }),
        refresh: startLoad({ ...refresh, durationS: rssSeconds, overallRate: 50 }),
      };
      const sampler = (async () => {
        for (let t = rssSampleS; t <= rssSeconds; t += rssSampleS) {
          await delay(Math.max(0, started + t * 1000 - Date.now()));
          const rss = await target.rss();
          if (rss) samples.push({ atS: t, rssMb: rss.rssMb });
        }
      })();
      const [verify, login, refreshed] = await Promise.all([
        loads.verify.done,
        loads.login.done,
        loads.refresh.done,
      ]);
      await sampler;
      const end = await target.rss();
      const gcAfter = await collectGarbage(target);
      const heap = target
        .stderr()
        .split('\n')
        .filter((line) => line.startsWith('bench-memory '))
        .map((line) => {
          const m = JSON.parse(line.slice('bench-memory '.length));
          return {
            atS: Math.round(m.atMs / 1000),
            heapUsed: m.heapUsed,
            heapTotal: m.heapTotal,
            external: m.external,
          };
        });
      run = {
        target: 'sentinel-hono',
        seconds: rssSeconds,
        stores: ctx.rssMongoUrl === undefined ? 'memory' : 'mongodb',
        samples,
        heap,
        peakMb: end?.peakMb ?? null,
        loads: { verify, login, refresh: refreshed },
        afterGc: gcBefore && gcAfter ? { before: gcBefore, after: gcAfter } : null,
      };
      ctx.log(
        `rss: ${samples.map((s) => `${s.atS}s ${s.rssMb}`).join(', ')} MiB; peak ${end?.peakMb}`,
      );
    },
  );
  return run;
}

/**
 * Asks the demo (through `memory-log.mjs`, on SIGUSR2) for a full garbage collection and reads
 * back what its main thread holds after it; null if no answer comes within 2 s.
 *
 * @param {import('./targets.mjs').Target} target
 * @returns {Promise<MemoryAfterGc | null>}
 */
async function collectGarbage(target) {
  const tag = 'bench-memory-gc ';
  const count = () =>
    target
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith(tag)).length;
  const seen = count();
  process.kill(target.pid, 'SIGUSR2');
  for (let waited = 0; waited < 2000 && count() === seen; waited += 50) await delay(50);
  const line = target
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith(tag))
    .at(seen);
  if (line === undefined) return null;
  const m = JSON.parse(line.slice(tag.length));
  return { heapUsedMb: m.heapUsed, rssMb: m.rss };
}

/**
 * One result per scenario from several rounds: the median of each figure (req/s, p50, p99, CPU
 * per answer; counts are summed), with every round's figures kept in `rounds`. A scenario that
 * errored in any round keeps that error.
 *
 * @param {ScenarioResult[]} raw
 * @returns {ScenarioResult[]}
 */
export function medians(raw) {
  /** @type {Map<string, ScenarioResult[]>} */
  const byId = new Map();
  for (const s of raw) byId.set(s.id, [...(byId.get(s.id) ?? []), s]);
  /** @param {number[]} xs */
  const median = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
      ? (sorted[mid] ?? 0)
      : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  };
  /** @param {(number | null | undefined)[]} xs */
  const medianOrNull = (xs) =>
    xs.some((x) => x == null) ? null : median(/** @type {number[]} */ (xs));
  return [...byId.values()].map((runs) => {
    const first = /** @type {ScenarioResult} */ (runs[0]);
    const failedRun = runs.find((r) => r.result === undefined);
    if (failedRun !== undefined || runs.length === 1) return failedRun ?? first;
    const results = runs.map((r) => /** @type {import('./load.mjs').LoadResult} */ (r.result));
    /** @type {Record<string, number>} */
    const statuses = {};
    for (const r of results) {
      for (const [code, n] of Object.entries(r.statuses))
        statuses[code] = (statuses[code] ?? 0) + n;
    }
    const sum = (/** @type {(r: import('./load.mjs').LoadResult) => number} */ f) =>
      results.reduce((total, r) => total + f(r), 0);
    return {
      id: first.id,
      target: first.target,
      kind: first.kind,
      load1: median(runs.map((r) => r.load1)),
      result: {
        ok: sum((r) => r.ok),
        non2xx: sum((r) => r.non2xx),
        errors: sum((r) => r.errors),
        timeouts: sum((r) => r.timeouts),
        elapsedS: sum((r) => r.elapsedS),
        rps: median(results.map((r) => r.rps)),
        p50Ms: median(results.map((r) => r.p50Ms)),
        p99Ms: median(results.map((r) => r.p99Ms)),
        maxMs: Math.max(...results.map((r) => r.maxMs)),
        statuses,
        cpuS: sum((r) => r.cpuS),
      },
      serverCpuUs: medianOrNull(runs.map((r) => r.serverCpuUs)),
      loadCpuUs: medianOrNull(runs.map((r) => r.loadCpuUs)),
      rounds: results.map((r) => ({ rps: r.rps, p50Ms: r.p50Ms, p99Ms: r.p99Ms })),
    };
  });
}
