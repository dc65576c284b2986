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
/** How long a request waits for a stale generation to be re-read before using the old one. */
const STALE_WAIT_MS = 100;

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
   * cache is then not used at all. A stale value is re-read first, but never waited for longer
   * than `STALE_WAIT_MS`: a healthy store answers well within it, so the interval holds, and a
   * slow or hung one cannot hold up a cache hit (the last known value is used meanwhile).
   */
  async current(): Promise<number | null> {
    const fresh = this.known();
    if (fresh !== null) return fresh;
    const stale = this.#value;
    if (stale === null) return this.#refresh();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fallback = new Promise<number>((resolve) => {
      timer = setTimeout(() => resolve(stale), STALE_WAIT_MS);
    });
    try {
      return await Promise.race([this.#refresh(), fallback]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The generation when it is known and fresh, without a promise; null otherwise, in which case
   * call `current`. For the verification path, where every request asks.
   */
  known(): number | null {
    if (this.#value === null || this.clock.now() - this.#readAt >= this.refreshMs) return null;
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
