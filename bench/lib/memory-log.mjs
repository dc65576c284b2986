import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread } from 'node:worker_threads';

/**
 * Loaded into the demo for the RSS run (`NODE_OPTIONS=--import=<this file>`): every
 * BENCH_MEMORY_LOG_MS it writes `bench-memory {...}` on stderr with the main thread's
 * `process.memoryUsage()` in MiB, so that the run can tell V8's heap growing (and shrinking at a
 * full collection) from memory that is kept. On SIGUSR2 it runs a full garbage collection and
 * writes `bench-memory-gc {...}`: what is left then is what the process really keeps.
 */
const every = Number(process.env.BENCH_MEMORY_LOG_MS ?? '0');
if (isMainThread && every > 0) {
  const started = Date.now();
  const mib = (/** @type {number} */ bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
  /** @param {string} tag */
  const log = (tag) => {
    const m = process.memoryUsage();
    const line = {
      atMs: Date.now() - started,
      rss: mib(m.rss),
      heapUsed: mib(m.heapUsed),
      heapTotal: mib(m.heapTotal),
      external: mib(m.external),
    };
    process.stderr.write(`${tag} ${JSON.stringify(line)}\n`);
  };
  setInterval(() => log('bench-memory'), every).unref();
  // `gc` is only exposed by a V8 flag; setting it now and taking the function from a fresh
  // context gives one without starting the demo with --expose-gc.
  setFlagsFromString('--expose-gc');
  const gc = /** @type {() => void} */ (runInNewContext('gc'));
  process.on('SIGUSR2', () => {
    gc();
    log('bench-memory-gc');
  });
}
