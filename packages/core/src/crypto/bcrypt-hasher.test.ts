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
