import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The figures of one run as Markdown, the goals judged against them, and the section of
 * docs/benchmarks.md between `<!-- bench:start -->` and `<!-- bench:end -->` rewritten with them.
 */

export const START_MARKER = '<!-- bench:start -->';
export const END_MARKER = '<!-- bench:end -->';

/**
 * @typedef {import('./scenarios.mjs').ScenarioResult} ScenarioResult
 * @typedef {import('./scenarios.mjs').RssRun} RssRun
 * @typedef {import('./scenarios.mjs').Settings} Settings
 */

/**
 * @typedef {object} Run
 * @property {string} command
 * @property {string} startedAt ISO date.
 * @property {number} elapsedS
 * @property {{ node: string, cores: number, cpu: string, platform: string }} machine
 * @property {{ atStart: number, atEnd: number, cpu: { busyCores: number, oursCores: number, othersCores: number, stealCores: number } | null, attempts: { at: string, load1: number }[] }} load
 * @property {Settings & { rounds: number }} settings
 * @property {{ cost: number, ms: number, samples: number, parallelPerS: number }[]} bcrypt
 * @property {ScenarioResult[]} scenarios
 * @property {RssRun | null} rss
 */

/**
 * @typedef {object} Goal
 * @property {string} goal
 * @property {string} measured
 * @property {string} target
 * @property {boolean | null} met null when a figure is missing.
 */

/**
 * @param {ScenarioResult[]} scenarios
 * @param {string} id
 */
function figure(scenarios, id) {
  return scenarios.find((s) => s.id === id)?.result ?? null;
}

/** @param {number} x */
const f1 = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
/** @param {number} x */
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
/** @param {number} x */
const ratio = (x) => `${x.toFixed(2)}×`;

/**
 * The RSS verdict: at most 200 MiB at the end, and flat, meaning it grew by at most 5 % over the
 * second half of the run.
 *
 * @param {RssRun} rss
 */
export function rssVerdict(rss) {
  const end = rss.samples.at(-1)?.rssMb ?? Number.NaN;
  const half = rss.seconds / 2;
  const middle =
    rss.samples.reduce(
      (best, s) => (Math.abs(s.atS - half) < Math.abs(best.atS - half) ? s : best),
      rss.samples[0] ?? { atS: 0, rssMb: Number.NaN },
    ).rssMb ?? Number.NaN;
  const growth = end - middle;
  const flat = growth <= middle * 0.05;
  return { end, middle, growth, flat, met: end <= 200 && flat };
}

/**
 * @param {Run} run
 * @returns {Goal[]}
 */
export function judge(run) {
  const s = run.scenarios;
  const [high, low] = run.settings.costs;
  /** @type {Goal[]} */
  const goals = [];
  /**
   * @param {string} goal
   * @param {string} numerator
   * @param {string} denominator
   * @param {number} min
   */
  const rpsRatio = (goal, numerator, denominator, min) => {
    const a = figure(s, numerator);
    const b = figure(s, denominator);
    if (a === null || b === null || b.rps === 0) {
      goals.push({ goal, measured: 'missing', target: `≥ ${min}×`, met: null });
      return;
    }
    const r = a.rps / b.rps;
    goals.push({
      goal,
      measured: `${ratio(r)} (${f1(a.rps)} / ${f1(b.rps)} req/s)`,
      target: `≥ ${min}×`,
      met: r >= min,
    });
  };
  rpsRatio(
    'cached verification, Hono, vs the Hono route doing one Redis GET',
    'sentinel-hono/verify',
    'baseline-hono/redis',
    0.8,
  );
  rpsRatio('cached verification, Hono, vs the peer', 'sentinel-hono/verify', 'peer/verify', 5);
  rpsRatio(
    'cached verification, Express, vs the Express route doing one Redis GET',
    'sentinel-express/verify',
    'baseline-express/redis',
    0.9,
  );
  const bcryptHigh = run.bcrypt.find((b) => b.cost === high);
  for (const binding of ['hono', 'express']) {
    const login = figure(s, `sentinel-${binding}/password-${high}`);
    const goal = `password grant at cost ${high}, ${binding === 'hono' ? 'Hono' : 'Express'}, vs cores / bcrypt time`;
    if (login === null || bcryptHigh === undefined) {
      goals.push({ goal, measured: 'missing', target: '≥ 0.9×', met: null });
      continue;
    }
    const ceiling = run.machine.cores / (bcryptHigh.ms / 1000);
    const r = login.rps / ceiling;
    goals.push({
      goal,
      measured: `${ratio(r)} (${f1(login.rps)} / ${f1(ceiling)} logins/s)`,
      target: '≥ 0.9×',
      met: r >= 0.9,
    });
  }
  for (const name of ['sentinel-hono', 'peer']) {
    const idle = figure(s, `${name}/verify`);
    const busy = figure(s, `${name}/verify-under-logins`);
    const goal = `verification p99 while ${run.settings.loginsInFlight} logins are in flight, ${name === 'peer' ? 'the peer (for comparison)' : 'Sentinel-Hono'}`;
    if (idle === null || busy === null || idle.p99Ms === 0) {
      goals.push({ goal, measured: 'missing', target: '≤ 2× idle p99', met: null });
      continue;
    }
    const r = busy.p99Ms / idle.p99Ms;
    goals.push({
      goal,
      measured: `${ratio(r)} (${ms(busy.p99Ms)} / ${ms(idle.p99Ms)} ms)`,
      target: name === 'peer' ? '(none)' : '≤ 2× idle p99',
      met: name === 'peer' ? null : r <= 2,
    });
  }
  for (const binding of ['hono', 'express']) {
    const label = binding === 'hono' ? 'Hono' : 'Express';
    rpsRatio(
      `token endpoint at cost ${low}, password grant, ${label}, vs the peer`,
      `sentinel-${binding}/password-${low}`,
      `peer/password-${low}`,
      1.5,
    );
    rpsRatio(
      `token endpoint at cost ${low}, refresh, ${label}, vs the peer`,
      `sentinel-${binding}/refresh`,
      'peer/refresh',
      1.5,
    );
  }
  if (run.rss === null) {
    goals.push({
      goal: 'process RSS after mixed load',
      measured: 'not run',
      target: '≤ 200 MB, flat',
      met: null,
    });
  } else {
    const v = rssVerdict(run.rss);
    goals.push({
      goal: `process RSS after ${run.rss.seconds} s of mixed load (Sentinel-Hono)`,
      measured: `${v.end} MiB at the end; ${v.growth >= 0 ? '+' : ''}${v.growth.toFixed(1)} MiB over the second half${v.flat ? '' : ' (not flat)'}`,
      target: '≤ 200 MB, flat',
      met: v.met,
    });
  }
  return goals;
}

const LABELS = /** @type {Record<string, string>} */ ({
  bare: 'bare route',
  redis: 'route doing one Redis GET',
  verify: '`GET /endpoint`, cached bearer token',
  'verify-under-logins': '`GET /endpoint` while 8 logins loop',
  'logins-during-verify': 'the 8 looping logins, meanwhile',
  refresh: 'refresh grant (rotation)',
});

/** @param {string} kind */
function label(kind) {
  const cost = /^password-(\d+)$/.exec(kind)?.[1];
  return cost === undefined ? (LABELS[kind] ?? kind) : `password grant, bcrypt cost ${cost}`;
}

/**
 * @param {Run} run
 * @param {Goal[]} goals
 */
export function formatMarkdown(run, goals) {
  const { settings, machine, load } = run;
  const lines = [];
  const date = run.startedAt.slice(0, 16).replace('T', ' ');
  lines.push(
    '```sh',
    'eval "$(scripts/services.sh env)"   # REDIS_URL=redis://127.0.0.1:6390',
    run.command,
    '```',
    '',
    `Run on ${date} UTC, ${Math.round(run.elapsedS)} s in all. **Machine:** ${machine.cores} cores (\`nproc\`), ${machine.cpu}, ${machine.platform}, Node ${machine.node}. ` +
      `**Settings, the same for every scenario:** autocannon, ${settings.connections} connections, pipelining 1, ` +
      `${settings.durationS} s measured after ${settings.warmupS} s of warm-up, ${settings.timeoutS} s request timeout; ` +
      (settings.rounds > 1
        ? `every scenario run ${settings.rounds} times over (rounds in the same order) and each figure the median of its rounds, the req/s of every round in brackets; `
        : '') +
      'every server its own process on 127.0.0.1 over plain HTTP, the load generator in another, one Redis (7, on 127.0.0.1:6390) for everyone. ' +
      'Latencies are of 2xx answers, from autocannon’s per-response times (sub-millisecond). ' +
      '*Server CPU* is the server process’s CPU time (all its threads, from /proc) per 2xx answer over the measured run.',
    '',
    `**How loaded the machine was:** 1-minute load average ${load.atStart} when the run started` +
      (load.attempts.length > 1
        ? ` (after waiting for it to fall: ${load.attempts.map((a) => a.load1).join(', ')})`
        : '') +
      `, ${load.atEnd} at the end (while it runs, its own server, hashing threads and load generator count in the load average).` +
      (load.cpu === null
        ? ''
        : ` Over the run the machine's ${machine.cores} cores were busy ${load.cpu.busyCores} cores on average: ` +
          `${load.cpu.oursCores} for this run's processes, ${load.cpu.othersCores} for everything else (Redis and other engineers' work)` +
          `; the hypervisor took ${load.cpu.stealCores} cores' worth (steal time).`),
    '',
    "**bcrypt on this machine** (bcryptjs `compareSync`, what the demo's hashing threads run): the time of one verification on one thread (the mean of N after one untimed call), the ceiling the goal is measured against, and what the machine really gives with one hashing thread per core at once (N/2 each):",
    '',
    '| cost | ms per verify | N | ceiling: cores / time | all cores hashing at once |',
    '| ---: | ---: | ---: | ---: | ---: |',
  );
  for (const b of run.bcrypt) {
    lines.push(
      `| ${b.cost} | ${ms(b.ms)} | ${b.samples} | ${f1(machine.cores / (b.ms / 1000))} verifications/s | ${f1(b.parallelPerS)} verifications/s |`,
    );
  }
  lines.push(
    '',
    '### Goals',
    '',
    '| goal | measured | target | met |',
    '| --- | --- | --- | --- |',
  );
  for (const g of goals) {
    const met = g.met === null ? '—' : g.met ? '**met**' : '**missed**';
    lines.push(`| ${g.goal} | ${g.measured} | ${g.target} | ${met} |`);
  }
  lines.push(
    '',
    '### Every scenario',
    '',
    '| server | scenario | req/s | p50 (ms) | p99 (ms) | server CPU (µs/answer) | 2xx | other answers, errors | load avg |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  );
  for (const s of run.scenarios) {
    if (!s.result) {
      lines.push(
        `| ${s.target} | ${label(s.kind)} | — | — | — | — | — | error: ${s.error ?? '?'} | ${s.load1} |`,
      );
      continue;
    }
    const r = s.result;
    const other = Object.entries(r.statuses)
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, n]) => `${n} × ${code}`);
    if (r.errors > 0) other.push(`${r.errors} errors (${r.timeouts} timeouts)`);
    lines.push(
      `| ${s.target} | ${label(s.kind)} | ${f1(r.rps)}${s.rounds ? ` (${s.rounds.map((x) => f1(x.rps)).join(', ')})` : ''} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${s.serverCpuUs == null ? '—' : f1(s.serverCpuUs)} | ${r.ok} | ${other.join(', ') || 'none'} | ${s.load1} |`,
    );
  }
  if (run.rss !== null) {
    const v = rssVerdict(run.rss);
    const l = run.rss.loads;
    lines.push(
      '',
      `### Memory: ${run.rss.seconds} s of mixed load`,
      '',
      `Sentinel-Hono at cost ${settings.costs[0]}, a fresh process, ${run.rss.stores === 'mongodb' ? 'users, clients and tokens in MongoDB (FerretDB, `MONGO_URL`), so the process holds none of them' : 'users, clients and tokens in memory, so every token issued stays in the process'}, the cache and the limiter in Redis: ${settings.connections} connections verifying ` +
        `(${f1(l.verify?.rps ?? 0)} req/s), 2 looping over the password grant (${f1(l.login?.rps ?? 0)} logins/s) ` +
        `and 2 over refreshes capped at 50/s (${f1(l.refresh?.rps ?? 0)} req/s), all at once. ` +
        'VmRSS of the demo process, from /proc (`bench/soak/demo.mjs`):',
      '',
      `| second | ${run.rss.samples.map((x) => x.atS).join(' | ')} |`,
      `| --- | ${run.rss.samples.map(() => '---:').join(' | ')} |`,
      `| RSS (MiB) | ${run.rss.samples.map((x) => x.rssMb).join(' | ')} |`,
      '',
      ...(run.rss.heap.length === 0
        ? []
        : [
            'The demo’s own `process.memoryUsage()` meanwhile (main thread, MiB; logged from process start, so its seconds run a little ahead of the table’s):',
            '',
            `| second | ${run.rss.heap.map((x) => x.atS).join(' | ')} |`,
            `| --- | ${run.rss.heap.map(() => '---:').join(' | ')} |`,
            `| heap used | ${run.rss.heap.map((x) => x.heapUsed).join(' | ')} |`,
            `| heap total | ${run.rss.heap.map((x) => x.heapTotal).join(' | ')} |`,
            '',
          ]),
      `Peak (VmHWM) ${run.rss.peakMb} MiB; ${v.growth >= 0 ? '+' : ''}${v.growth.toFixed(1)} MiB between second ${run.rss.seconds / 2} and the end ` +
        '(flat means at most +5 % over the second half).',
      ...(run.rss.afterGc === null
        ? []
        : [
            '',
            `After a full garbage collection (forced through \`bench/lib/memory-log.mjs\`): the main thread's heap held ${run.rss.afterGc.before.heapUsedMb} MiB just before the load and ${run.rss.afterGc.after.heapUsedMb} MiB just after it ` +
              `(RSS then ${run.rss.afterGc.before.rssMb} and ${run.rss.afterGc.after.rssMb} MiB).`,
          ]),
    );
  }
  return lines.join('\n');
}

/**
 * Replaces the marked section of the document (or inserts it, with its heading, before the
 * first `## ` section after the intro), leaving everything else as it is.
 *
 * @param {string} path
 * @param {string} body
 */
export function writeSection(path, body) {
  const doc = readFileSync(path, 'utf8');
  const section = `${START_MARKER}\n${body}\n${END_MARKER}`;
  const start = doc.indexOf(START_MARKER);
  const end = doc.indexOf(END_MARKER);
  let next;
  if (start !== -1 && end > start) {
    next = doc.slice(0, start) + section + doc.slice(end + END_MARKER.length);
  } else {
    const at = doc.indexOf('\n## ');
    const heading = '## Throughput and latency: Sentinel, its peer and the floor\n\n';
    next =
      at === -1
        ? `${doc.trimEnd()}\n\n${heading}${section}\n`
        : `${doc.slice(0, at + 1)}${heading}${section}\n${doc.slice(at)}`;
  }
  writeFileSync(path, next);
}
