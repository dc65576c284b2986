import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import bcrypt from 'bcryptjs';

/**
 * What the machine is and how busy it is: core count, CPU model, load average, and how much of
 * the machine's CPU time went to this run's processes and how much to everything else.
 */

/** `nproc`, as the issue asks; the Node figure when the command is missing. */
export function coreCount() {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return cpus().length;
  }
}

export function cpuModel() {
  return cpus()[0]?.model.trim() ?? 'unknown';
}

/** The 1-minute load average, to one decimal. */
export function load1() {
  return Math.round((loadavg()[0] ?? 0) * 10) / 10;
}

/**
 * @typedef {object} CpuSnapshot
 * @property {number} busyS The machine's busy CPU time (every core), seconds, from /proc/stat.
 * @property {number} stealS Time the hypervisor gave this virtual machine's cores to others.
 * @property {number} oursS This process's and its waited-for children's, from /proc/self/stat.
 * @property {number} at performance.now()
 */

const TICK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** @returns {CpuSnapshot | null} null where /proc is absent. */
export function cpuSnapshot() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    // cpu user nice system idle iowait irq softirq steal ...
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const busy = (f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0);
    const steal = f[7] ?? 0;
    // Fields after the command name, which is in parentheses: utime is the 14th field.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const rest = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const ours = (rest[11] ?? 0) + (rest[12] ?? 0) + (rest[13] ?? 0) + (rest[14] ?? 0);
    return { busyS: busy / TICK, stealS: steal / TICK, oursS: ours / TICK, at: performance.now() };
  } catch {
    return null;
  }
}

/**
 * CPU time of a process so far (every thread, user and system), seconds; null without /proc.
 *
 * @param {number} pid
 * @returns {number | null}
 */
export function processCpuS(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return ((rest[11] ?? 0) + (rest[12] ?? 0)) / TICK;
  } catch {
    return null;
  }
}

/**
 * CPU use between two snapshots, in cores (CPU-seconds per second). `ours` counts children only
 * once they have exited, so take the second snapshot after every server and load has stopped.
 *
 * @param {CpuSnapshot | null} from
 * @param {CpuSnapshot | null} to
 * @returns {{ busyCores: number, oursCores: number, othersCores: number, stealCores: number } | null}
 */
export function cpuBetween(from, to) {
  if (from === null || to === null) return null;
  const seconds = (to.at - from.at) / 1000;
  if (seconds <= 0) return null;
  const busyCores = (to.busyS - from.busyS) / seconds;
  const oursCores = (to.oursS - from.oursS) / seconds;
  const round = (/** @type {number} */ x) => Math.round(x * 100) / 100;
  return {
    busyCores: round(busyCores),
    oursCores: round(oursCores),
    othersCores: round(Math.max(0, busyCores - oursCores)),
    stealCores: round((to.stealS - from.stealS) / seconds),
  };
}

/**
 * bcryptjs's own time for one verification at `cost` on this thread: the mean of `samples`
 * `compareSync` calls (what the demo's hashing threads run), after one untimed call.
 *
 * @param {number} cost
 * @param {number} samples
 * @returns {number} milliseconds
 */
export function bcryptVerifyMs(cost, samples) {
  const hash = bcrypt.hashSync('bench-password-0123456789', cost);
  bcrypt.compareSync('bench-password-0123456789', hash);
  const started = performance.now();
  for (let i = 0; i < samples; i++) {
    if (!bcrypt.compareSync('bench-password-0123456789', hash)) throw new Error('bcrypt failed');
  }
  return (performance.now() - started) / samples;
}

/**
 * bcryptjs on `threads` worker threads at once, each running `samples` `compareSync` calls, as
 * the demo's hashing pool does under load: how many verifications per second the machine really
 * gives when every core hashes (cores can share hardware, and other work takes its share).
 *
 * @param {number} cost
 * @param {number} threads
 * @param {number} samples Per thread.
 * @returns {Promise<number>} verifications per second, all threads together
 */
export async function bcryptParallelRate(cost, threads, samples) {
  const hash = bcrypt.hashSync('bench-password-0123456789', cost);
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const bcrypt = require(workerData.bcrypt);
    bcrypt.compareSync('bench-password-0123456789', workerData.hash);
    parentPort.postMessage('ready');
    parentPort.once('message', () => {
      for (let i = 0; i < workerData.samples; i++) bcrypt.compareSync('bench-password-0123456789', workerData.hash);
      parentPort.postMessage('done');
    });`;
  const workerData = { bcrypt: createRequire(import.meta.url).resolve('bcryptjs'), hash, samples };
  const workers = Array.from(
    { length: threads },
    () => new Worker(code, { eval: true, workerData }),
  );
  try {
    await Promise.all(workers.map((w) => once(w, 'ready')));
    const started = performance.now();
    for (const w of workers) w.postMessage('go');
    await Promise.all(workers.map((w) => once(w, 'done')));
    return (threads * samples) / ((performance.now() - started) / 1000);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * @param {Worker} worker
 * @param {string} expected
 * @returns {Promise<void>}
 */
function once(worker, expected) {
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message) => {
      if (message === expected) resolve();
    });
  });
}
