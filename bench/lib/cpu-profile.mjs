import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * `--cpu-prof` for Node 20, which refuses that flag in NODE_OPTIONS: loaded with
 * `NODE_OPTIONS=--import=<this file>` (what `bench/run.mjs --profile` sets), it starts V8's
 * sampling profiler at once and writes `CPU.<pid>.cpuprofile` into BENCH_CPU_PROF_DIR when the
 * process exits, in the format `--cpu-prof` writes (Chrome DevTools and `bench/profile.mjs`
 * read it). The main thread only: worker threads (the bcrypt pool) are not profiled.
 */
const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir && isMainThread) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.once('exit', () => {
    // The in-process session answers synchronously, so this runs to the end inside `exit`.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      writeFileSync(join(dir, `CPU.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
