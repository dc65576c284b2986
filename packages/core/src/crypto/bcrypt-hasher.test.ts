import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { BcryptHasher, bcryptCost } from './bcrypt-hasher.js';

describe('BcryptHasher', () => {
  it('keeps the event loop turning while 8 hashes run at cost 12', async () => {
    // The duration of one hash on this thread: what a stall would cost without the pool.
    const started = performance.now();
    bcrypt.hashSync('reference password', 12);
    const oneHashMs = performance.now() - started;

    const hasher = new BcryptHasher({ cost: 12, poolSize: 2 });
    try {
      await hasher.hash('warm up the workers');
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const hashes = await Promise.all(
        Array.from({ length: 8 }, (_, i) => hasher.hash(`password ${i}`)),
      );
      delay.disable();
      for (const hash of hashes) expect(bcryptCost(hash)).toBe(12);
      const longestStallMs = delay.max / 1e6;
      expect(longestStallMs).toBeLessThan(oneHashMs / 4);
    } finally {
      await hasher.close();
    }
  }, 60_000);

  /** Nice values of this process's threads, by thread id (field 19 of /proc/<pid>/task/<tid>/stat). */
  function threadNiceValues(): Map<number, number> {
    const out = new Map<number, number>();
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // The command name, in brackets, may hold spaces: count fields after its closing bracket.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), Number(fields[16]));
    }
    return out;
  }

  it.runIf(process.platform === 'linux')(
    'runs its threads at the nice value asked for, and the rest of the process at its own',
    async () => {
      const before = threadNiceValues();
      const hasher = new BcryptHasher({ cost: 4, poolSize: 2, threadNice: 7 });
      const defaults = new BcryptHasher({ cost: 4, poolSize: 1 });
      try {
        // A task on every thread, so that each has loaded the worker file.
        await Promise.all([hasher.hash('a password'), hasher.hash('a password')]);
        await defaults.hash('a password');
        const added = [...threadNiceValues()].filter(([tid]) => !before.has(tid));
        const nices = added.map(([, nice]) => nice).sort((a, b) => a - b);
        // Piscina's own threads keep the process's priority; the hashing threads do not.
        expect(nices.filter((n) => n === 7)).toHaveLength(2);
        expect(nices.filter((n) => n === 19)).toHaveLength(1);
        expect(threadNiceValues().get(process.pid)).toBe(0);
      } finally {
        await Promise.all([hasher.close(), defaults.close()]);
      }
    },
  );

  it('refuses a nice value outside 0 to 19', () => {
    expect(() => new BcryptHasher({ cost: 4, threadNice: 20 })).toThrow(RangeError);
    expect(() => new BcryptHasher({ cost: 4, threadNice: -1 })).toThrow(RangeError);
  });

  it('refuses hashes that are not bcrypt, whatever their prefix', async () => {
    const hasher = new BcryptHasher({ cost: 4, poolSize: 1 });
    try {
      expect(await hasher.verify('x', '$1$abc')).toBe(false);
      expect(await hasher.verify('x', `$2x$04$${'a'.repeat(53)}`)).toBe(false);
      expect(hasher.needsRehash('garbage')).toBe(false);
    } finally {
      await hasher.close();
    }
  });
});
