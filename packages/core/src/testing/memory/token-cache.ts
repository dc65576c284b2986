import { type Clock, systemClock } from '../../ports/clock.js';
import type { CachedToken, CacheLookup, TokenCache } from '../../ports/token-cache.js';

type Slot = { token: CachedToken | null; expiresAt: number };

/**
 * `TokenCache` in a Map, with TTLs measured on the given clock. Useful in tests, and as an
 * in-process cache for a single server; set `reachable = false` to simulate an outage.
 */
export class MemoryTokenCache implements TokenCache {
  readonly #slots = new Map<string, Slot>();
  /** Set to false to make every call reject, as an unreachable Redis would. */
  reachable = true;
  /** Raw tokens seen by `issued`; kept only so tests can assert it is called. */
  issuedCount = 0;

  constructor(private readonly clock: Clock = systemClock) {}

  async get(digest: string, generation: number): Promise<CacheLookup> {
    this.#check();
    const slot = this.#live(`${generation}:${digest}`);
    if (!slot) return { status: 'miss' };
    return slot.token ? { status: 'hit', token: slot.token } : { status: 'revoked' };
  }

  async add(digest: string, generation: number, token: CachedToken, ttlMs: number) {
    this.#check();
    const key = `${generation}:${digest}`;
    if (this.#live(key) || ttlMs <= 0) return;
    this.#slots.set(key, { token, expiresAt: this.clock.now() + ttlMs });
  }

  async revoke(entries: readonly { digest: string; ttlMs: number }[], generation: number) {
    this.#check();
    for (const { digest, ttlMs } of entries) {
      if (ttlMs <= 0) continue;
      this.#slots.set(`${generation}:${digest}`, {
        token: null,
        expiresAt: this.clock.now() + ttlMs,
      });
    }
  }

  async issued(): Promise<void> {
    this.#check();
    this.issuedCount++;
  }

  /** Number of live entries (tombstones included), for tests. */
  get size(): number {
    return [...this.#slots.keys()].filter((k) => this.#live(k)).length;
  }

  #live(key: string): Slot | undefined {
    const slot = this.#slots.get(key);
    if (slot && slot.expiresAt <= this.clock.now()) {
      this.#slots.delete(key);
      return undefined;
    }
    return slot;
  }

  #check(): void {
    if (!this.reachable) throw new Error('memory cache made unreachable by the test');
  }
}
