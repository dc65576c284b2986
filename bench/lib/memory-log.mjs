import { isMainThread } from 'node:worker_threads';

/**
 * Loaded into the demo for the RSS run (`NODE_OPTIONS=--import=<this file>`): every
 * BENCH_MEMORY_LOG_MS it writes `bench-memory {...}` on stderr with the main thread's
 * `process.memoryUsage()` in MiB, so that the run can tell V8's heap growing (and shrinking at a
 * full collection) from memory that is kept.
 */
const every = Number(process.env.BENCH_MEMORY_LOG_MS ?? '0');
if (isMainThread && every > 0) {
  const started = Date.now();
  const mib = (/** @type {number} */ bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
  setInterval(() => {
    const m = process.memoryUsage();
    const line = {
      atMs: Date.now() - started,
      rss: mib(m.rss),
      heapUsed: mib(m.heapUsed),
      heapTotal: mib(m.heapTotal),
      external: mib(m.external),
    };
    process.stderr.write(`bench-memory ${JSON.stringify(line)}\n`);
  }, every).unref();
}
