// Runs inside the hashing pool's worker threads. Plain JavaScript on purpose: the same file
// serves the TypeScript sources (tests) and the compiled package, since worker threads load it
// by path.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import bcrypt from 'bcryptjs';
import { workerData } from 'piscina';

/**
 * Lowers this thread's scheduling priority to `workerData.nice` (Linux only: a thread there has
 * its own nice value, and `setPriority` takes a thread id). On a machine with as many hashing
 * threads as cores, a login then waits for the event loop rather than the other way round, so
 * token verification keeps its latency while logins hash. Elsewhere the thread keeps the
 * process's priority; nothing else changes.
 */
function lowerPriority(nice) {
  if (typeof nice !== 'number' || nice <= 0 || process.platform !== 'linux') return;
  try {
    // /proc/thread-self -> "<pid>/task/<tid>"
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, nice);
  } catch {
    // No /proc (a sandbox) or not allowed: hashing still works at the process's priority.
  }
}

lowerPriority(workerData?.nice);

/** @param {{ op: 'hash', password: string, cost: number } | { op: 'verify', password: string, hash: string }} task */
export default function run(task) {
  if (task.op === 'hash') return bcrypt.hashSync(task.password, task.cost);
  return bcrypt.compareSync(task.password, task.hash);
}
