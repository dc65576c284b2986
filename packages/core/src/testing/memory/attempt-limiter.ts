import type { AttemptCount, AttemptLimiter } from '../../ports/attempt-limiter.js';
import { type Clock, systemClock } from '../../ports/clock.js';

/** Fixed-window failure counters in a Map. Holds for one process only. */
export class MemoryAttemptLimiter implements AttemptLimiter {
  readonly #windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly clock: Clock = systemClock) {}

  async hit(key: string, windowMs: number): Promise<AttemptCount> {
    const now = this.clock.now();
    let window = this.#windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + windowMs };
      this.#windows.set(key, window);
    }
    window.count++;
    return { count: window.count, resetInMs: window.endsAt - now };
  }

  async peek(key: string): Promise<AttemptCount> {
    const now = this.clock.now();
    const window = this.#windows.get(key);
    if (!window || window.endsAt <= now) return { count: 0, resetInMs: 0 };
    return { count: window.count, resetInMs: window.endsAt - now };
  }

  async reset(key: string): Promise<void> {
    this.#windows.delete(key);
  }
}
