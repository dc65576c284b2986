#!/usr/bin/env node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Summarises V8 CPU profiles (`bench/run.mjs --profile` writes them, one folder per server):
 * self time by function and by package, the heaviest first, and with `--inclusive` the total time
 * of each function with what it calls.
 *
 *   node bench/profile.mjs bench/profiles/<run>/sentinel-hono-cost12 [--top 25] [--inclusive]
 *
 * A folder is searched for `.cpuprofile` files; several are added up.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * @typedef {object} ProfileNode
 * @property {number} id
 * @property {{ functionName: string, url: string, lineNumber: number }} callFrame
 * @property {number[]} [children]
 */

/**
 * @typedef {object} CpuProfile
 * @property {ProfileNode[]} nodes
 * @property {number} startTime
 * @property {number} endTime
 * @property {number[]} samples
 * @property {number[]} timeDeltas
 */

/** @param {string} path */
function profilesIn(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true })
    .map((name) => join(path, String(name)))
    .filter((file) => file.endsWith('.cpuprofile'));
}

/** Where a script lives, short: a package name, a workspace package, or node itself. */
/** @param {string} url */
export function owner(url) {
  if (url === '') return '(native / V8)';
  if (url.startsWith('node:')) return 'node (built-in)';
  const modules = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  const workspace = /\/(packages|apps)\/([^/]+)\//.exec(url);
  if (workspace) return `@sentinel/${workspace[2]}`;
  return url;
}

/**
 * @param {CpuProfile[]} profiles
 */
export function summarise(profiles) {
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  /** @type {Map<string, number>} */
  const byOwner = new Map();
  /** @type {Map<string, number>} */
  const inclusive = new Map();
  let total = 0;
  /** @param {ProfileNode} node */
  const keyOf = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.startsWith('file://') ? relative(ROOT, fileURLToPath(url)) : url;
    return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`;
  };
  for (const profile of profiles) {
    /** @type {Map<number, ProfileNode>} */
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    /** @type {Map<number, number>} */
    const parents = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
    for (let i = 0; i < profile.samples.length; i++) {
      const node = nodes.get(profile.samples[i] ?? -1);
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      if (!node) continue;
      const { functionName, url } = node.callFrame;
      total += dt;
      const key = keyOf(node);
      byFunction.set(key, (byFunction.get(key) ?? 0) + dt);
      const who = functionName.startsWith('(') && url === '' ? functionName : owner(url);
      byOwner.set(who, (byOwner.get(who) ?? 0) + dt);
      /** @type {Set<string>} */
      const seen = new Set();
      for (
        let id = /** @type {number | undefined} */ (node.id);
        id !== undefined;
        id = parents.get(id)
      ) {
        const at = nodes.get(id);
        if (!at) break;
        const k = keyOf(at);
        if (seen.has(k)) continue;
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
      }
    }
  }
  /** @param {Map<string, number>} m */
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: total,
    functions: sorted(byFunction),
    owners: sorted(byOwner),
    inclusive: sorted(inclusive),
  };
}

function main() {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt === -1 ? 25 : Number(args[topAt + 1]);
  const paths = args.filter(
    (a, i) => a !== '--top' && a !== '--inclusive' && (topAt === -1 || i !== topAt + 1),
  );
  if (paths.length === 0) {
    process.stderr.write(
      'usage: node bench/profile.mjs <file.cpuprofile | folder>... [--top 25]\n',
    );
    return 2;
  }
  const files = paths.flatMap(profilesIn);
  const profiles = files.map(
    (file) => /** @type {CpuProfile} */ (JSON.parse(readFileSync(file, 'utf8'))),
  );
  const { totalMs, functions, owners, inclusive } = summarise(profiles);
  const pct = (/** @type {number} */ x) => `${((x / totalMs) * 100).toFixed(1).padStart(5)} %`;
  const out = [`${files.length} profile(s), ${(totalMs / 1000).toFixed(2)} s sampled`, ''];
  out.push('self time by package:');
  for (const [who, t] of owners.slice(0, 15))
    out.push(`  ${pct(t)} ${t.toFixed(0).padStart(7)} ms  ${who}`);
  out.push('', 'self time by function:');
  for (const [fn, t] of functions.slice(0, top))
    out.push(`  ${pct(t)} ${t.toFixed(0).padStart(7)} ms  ${fn}`);
  if (args.includes('--inclusive')) {
    out.push('', 'total (inclusive) time by function:');
    for (const [fn, t] of inclusive.slice(0, top))
      out.push(`  ${pct(t)} ${t.toFixed(0).padStart(7)} ms  ${fn}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main();
}
