import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The built demo (`pnpm build`, or `npx tsc --build`, writes it). */
export const DEMO_MAIN = fileURLToPath(new URL('../../apps/demo/dist/main.js', import.meta.url));

/**
 * @typedef {object} RunningDemo
 * @property {number} pid
 * @property {string} base `http://127.0.0.1:<port>`: the only address the soak sends to.
 * @property {() => string} stderr Everything the demo logged so far (JSON lines from pino).
 * @property {() => Promise<Rss | null>} rss The demo's memory now; null where /proc is absent.
 * @property {() => Promise<number | null>} stop SIGTERM, then SIGKILL after 5 s; the exit code.
 */

/**
 * @typedef {object} Rss
 * @property {number} rssMb VmRSS: resident memory now, MiB.
 * @property {number} peakMb VmHWM: the most resident memory so far, MiB.
 */

/**
 * Starts the built demo over plain HTTP on 127.0.0.1 and a free port, and resolves once its
 * banner says where it listens.
 *
 * @param {Record<string, string>} env Added to this process's environment.
 * @param {number} [timeoutMs]
 * @param {string} [main] The script to run instead of the demo (`bench/run.mjs` starts its other
 *   servers with it); it must print `listening on http://127.0.0.1:<port>` once it listens.
 * @returns {Promise<RunningDemo>}
 */
export async function startDemo(env, timeoutMs = 20_000, main = DEMO_MAIN) {
  if (!existsSync(main)) {
    throw new Error(`${main} is missing: build the demo first (pnpm build)`);
  }
  const name = main === DEMO_MAIN ? 'the demo' : main;
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      SENTINEL_TLS: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (/** @type {Buffer} */ chunk) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (/** @type {Buffer} */ chunk) => {
    // Keep the last 64 KiB: enough to diagnose, bounded whatever the demo logs.
    err = (err + chunk.toString()).slice(-65_536);
  });
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${out}\n${err}`));
    }, timeoutMs);
    const check = () => {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${out}\n${err}`));
    });
  });
  const pid = child.pid ?? -1;
  return {
    pid,
    base: `http://127.0.0.1:${port}`,
    stderr: () => err,
    rss: () => readRss(pid),
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/**
 * VmRSS and VmHWM of a process, from /proc/<pid>/status (Linux).
 *
 * @param {number} pid
 * @returns {Promise<Rss | null>}
 */
export async function readRss(pid) {
  let status;
  try {
    status = await readFile(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kib = (/** @type {string} */ name) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : Number.NaN;
  };
  const mib = (/** @type {number} */ k) => Math.round((k / 1024) * 10) / 10;
  return { rssMb: mib(kib('VmRSS')), peakMb: mib(kib('VmHWM')) };
}
