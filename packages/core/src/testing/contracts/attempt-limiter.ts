import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AttemptLimiter } from '../../ports/attempt-limiter.js';
import { type ContractSetup, sleep } from './setup.js';

const newKey = () => `test:${randomBytes(8).toString('hex')}`;

/** The `AttemptLimiter` contract (see its JSDoc). */
export function attemptLimiterContract(name: string, setup: ContractSetup<AttemptLimiter>): void {
  describe(`AttemptLimiter contract: ${name}`, () => {
    const withLimiter = async (fn: (limiter: AttemptLimiter) => Promise<void>) => {
      const { store, teardown } = await setup();
      try {
        await fn(store);
      } finally {
        await teardown?.();
      }
    };

    it('hit counts, peek reads without counting, reset forgets', () =>
      withLimiter(async (limiter) => {
        const key = newKey();
        expect(await limiter.peek(key)).toEqual({ count: 0, resetInMs: 0 });
        expect((await limiter.hit(key, 60_000)).count).toBe(1);
        const second = await limiter.hit(key, 60_000);
        expect(second.count).toBe(2);
        expect(second.resetInMs).toBeGreaterThan(50_000);
        expect(second.resetInMs).toBeLessThanOrEqual(60_000);
        expect((await limiter.peek(key)).count).toBe(2);
        expect((await limiter.peek(key)).count).toBe(2);
        await limiter.reset(key);
        expect(await limiter.peek(key)).toEqual({ count: 0, resetInMs: 0 });
      }));

    it('50 concurrent hits count 50, each seeing a distinct count', () =>
      withLimiter(async (limiter) => {
        const key = newKey();
        const results = await Promise.all(
          Array.from({ length: 50 }, () => limiter.hit(key, 60_000)),
        );
        expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 50 }, (_, i) => i + 1),
        );
        expect((await limiter.peek(key)).count).toBe(50);
      }));

    it('hits never extend the window: a key is free when its window ends', () =>
      withLimiter(async (limiter) => {
        const key = newKey();
        await limiter.hit(key, 400);
        await sleep(250);
        await limiter.hit(key, 400);
        await sleep(300);
        expect((await limiter.peek(key)).count).toBe(0);
        expect((await limiter.hit(key, 400)).count).toBe(1);
      }));

    it('keys are independent', () =>
      withLimiter(async (limiter) => {
        const a = newKey();
        const b = newKey();
        await limiter.hit(a, 60_000);
        await limiter.hit(a, 60_000);
        expect((await limiter.peek(b)).count).toBe(0);
      }));
  });
}
