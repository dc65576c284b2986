import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { TokenStore } from '../ports/token-store.js';

/**
 * This process's view of the store's cache generation (see `TokenStore.cacheGeneration`).
 *
 * Cache entries are read and written under the current generation. When a revoked token could
 * not be tombstoned in the cache, the revoking process bumps the generation in the store: from
 * then on it ignores every older entry at once, and every other process does so within
 * `refreshMs` (plus the time one read of the counter takes), when it next re-reads it. That is
 * the guarantee across processes: a revocation that could not reach the cache is honoured
 * everywhere after at most `refreshMs` and one store read.
 */
export class CacheGeneration {
  #value: number | null = null;
  #readAt = Number.NEGATIVE_INFINITY;
  #inflight: Promise<number | null> | null = null;

  constructor(
    private readonly tokens: TokenStore,
    private readonly clock: Clock,
    private readonly refreshMs: number,
    private readonly logger: Logger,
  ) {}

  /**
   * The generation to use now, or null when it is unknown (the store has never answered): the
   * cache is then not used at all. Once a value is known it is returned at once, and a stale one
   * is re-read in the background, so a slow or hung store never holds up a cache hit.
   */
  async current(): Promise<number | null> {
    return this.known() ?? this.#refresh();
  }

  /**
   * The generation `current` would give, without a promise: the known value (a stale one is
   * re-read in the background, as `current` does), or null when none is known yet, in which case
   * call `current`. For the verification path, where every request asks.
   */
  known(): number | null {
    if (this.#value !== null && this.clock.now() - this.#readAt >= this.refreshMs) {
      void this.#refresh();
    }
    return this.#value;
  }

  #refresh(): Promise<number | null> {
    this.#inflight ??= this.#read().finally(() => {
      this.#inflight = null;
    });
    return this.#inflight;
  }

  /** Makes every cache entry written so far untrustworthy. Rejects if the store is down. */
  async bump(): Promise<void> {
    this.#value = await this.tokens.bumpCacheGeneration();
    this.#readAt = this.clock.now();
  }

  async #read(): Promise<number | null> {
    try {
      const value = await this.tokens.cacheGeneration();
      // A bump made by this process while the read was in flight must not be lost.
      this.#value = Math.max(value, this.#value ?? value);
      this.#readAt = this.clock.now();
    } catch (error) {
      // Keep the last known value: while the store is down no revocation can be recorded, so
      // entries written under it are as trustworthy as before. Wait a full interval before
      // asking again, so a failing store is not asked on every request.
      this.#readAt = this.clock.now();
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'could not read the cache generation',
      );
    }
    return this.#value;
  }
}
