import {
  type CachedToken,
  type CacheLookup,
  consoleLogger,
  type Logger,
  type TokenCache,
} from '@sentinel/core';
import { decodeValue, encodeToken, TOMBSTONE } from './cache-value.js';
import type { RedisConnection } from './connection.js';
import { attempt, redisFailure } from './errors.js';
import { LegacyRawTokenKeys } from './legacy-keys.js';
import { pxMilliseconds } from './ttl.js';

export interface RedisTokenCacheOptions {
  /** Prepended to every key this cache writes. Default `sentinel:token:`. */
  readonly keyPrefix?: string;
  /**
   * Also write the seed's raw-token keys on `issued` (`SET <raw token> <user id> PX ttl`, no
   * prefix) and delete them on `revoke`. Off by default. Anyone who can read Redis keys can then
   * use every live access token: turn it on only for a resource server that still reads them.
   * Tokens without a user (client credentials) get no raw key.
   */
  readonly legacyRawTokenKeys?: boolean;
  /** Legacy mode: how many failed raw-key deletions to remember for a retry. Default 10,000. */
  readonly maxPendingLegacyDeletes?: number;
  /** Told of malformed entries and dropped legacy deletions; never given a token. */
  readonly logger?: Logger;
}

/**
 * `TokenCache` on Redis (standalone, Sentinel or Cluster).
 *
 * - An entry lives at `<prefix><generation>:<digest>` as compact JSON; a revocation replaces it
 *   with the tombstone `r`. Only digests are ever used, so the cache holds no usable token.
 * - `add` is `SET … PX ttl NX`, so it never replaces an entry or a tombstone.
 * - `revoke` sends one `SET … PX ttl` per digest: in a Cluster the keys live in different slots.
 * - A stored value this code cannot read is a miss (and is left to expire).
 * - Calls reject as soon as the client does, so give the client bounded timeouts and no offline
 *   queue (`createRedisClient` does). Failures become `StoreUnavailableError`.
 */
export class RedisTokenCache implements TokenCache {
  readonly #prefix: string;
  readonly #logger: Logger;
  readonly #legacy: LegacyRawTokenKeys | null;

  constructor(
    private readonly client: RedisConnection,
    options: RedisTokenCacheOptions = {},
  ) {
    this.#prefix = options.keyPrefix ?? 'sentinel:token:';
    this.#logger = options.logger ?? consoleLogger;
    this.#legacy = options.legacyRawTokenKeys
      ? new LegacyRawTokenKeys(
          client,
          `${this.#prefix}legacy:`,
          options.maxPendingLegacyDeletes ?? 10_000,
          this.#logger,
        )
      : null;
  }

  /** Legacy mode: raw keys whose deletion failed and waits for the next successful call. */
  get pendingLegacyDeletes(): number {
    return this.#legacy?.pendingCount ?? 0;
  }

  get(digest: string, generation: number): Promise<CacheLookup> {
    // Every verification comes here, so no async frame of its own: one promise chain on the
    // client's, with `attempt`'s error translation and `#afterSuccess` written out.
    let sent: Promise<string | null>;
    try {
      sent = this.client.get(this.#key(digest, generation));
    } catch (error) {
      return Promise.reject(redisFailure('cache get', error));
    }
    const reply = sent.then(
      (value) => this.#lookup(value, generation),
      (error: unknown) => {
        throw redisFailure('cache get', error);
      },
    );
    if (this.#legacy === null) return reply;
    return reply.then(async (lookup) => {
      await this.#legacy?.retryPending();
      return lookup;
    });
  }

  #lookup(value: string | null, generation: number): CacheLookup {
    const decoded = decodeValue(value);
    if (decoded.status !== 'malformed') return decoded;
    this.#logger.warn({ generation }, 'token cache entry not understood; treated as a miss');
    return { status: 'miss' };
  }

  async add(digest: string, generation: number, token: CachedToken, ttlMs: number): Promise<void> {
    const px = pxMilliseconds(ttlMs);
    if (px === null) return;
    const key = this.#key(digest, generation);
    await attempt('cache add', () => this.client.set(key, encodeToken(token), 'PX', px, 'NX'));
    await this.#afterSuccess();
  }

  /**
   * Writes every tombstone (and, in legacy mode, deletes every raw key) before settling; rejects
   * with the first failure. Raw-key deletions that failed are retried after a later success.
   */
  async revoke(
    entries: readonly { readonly digest: string; readonly ttlMs: number }[],
    generation: number,
  ): Promise<void> {
    const results = await Promise.allSettled([
      ...entries.map(({ digest, ttlMs }) => this.#tombstone(digest, generation, ttlMs)),
      this.#legacy?.delete(entries.map((entry) => entry.digest)),
    ]);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    await this.#afterSuccess();
  }

  /**
   * Legacy mode only (otherwise a no-op that never looks at `rawToken`): writes the seed's
   * raw-token key for a user's token, and the mapping that lets `revoke` delete it.
   */
  async issued(rawToken: string, digest: string, token: CachedToken, ttlMs: number): Promise<void> {
    if (!this.#legacy || token.userId === null) return;
    const px = pxMilliseconds(ttlMs);
    if (px === null) return;
    await this.#legacy.write(rawToken, digest, token.userId, px);
    await this.#afterSuccess();
  }

  async #tombstone(digest: string, generation: number, ttlMs: number): Promise<void> {
    const px = pxMilliseconds(ttlMs);
    if (px === null) return;
    await attempt('cache revoke', () =>
      this.client.set(this.#key(digest, generation), TOMBSTONE, 'PX', px),
    );
  }

  /** Redis answered, so it is a good moment to retry legacy deletions that failed earlier. */
  async #afterSuccess(): Promise<void> {
    await this.#legacy?.retryPending();
  }

  #key(digest: string, generation: number): string {
    return `${this.#prefix}${generation}:${digest}`;
  }
}
