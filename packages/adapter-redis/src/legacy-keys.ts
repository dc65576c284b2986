import type { Logger } from '@sentinel/core';
import type { RedisConnection } from './connection.js';
import { attempt } from './errors.js';

/**
 * The seed's token format, for a resource server that still reads it: the raw access token as
 * the key (no prefix) and the user id as the value, with the token's TTL. A second, private key
 * (`<prefix>legacy:<digest>` holding the raw token) lets a revocation, which only knows the
 * digest, find the raw key and delete it; the seed never deleted it.
 *
 * Deletions that fail (Redis down) are remembered by digest, in memory only, and retried by
 * `retryPending`. They are lost if the process stops first: the raw key then lives on in Redis
 * until its TTL ends. At most `maxPending` digests are remembered; beyond that the oldest go.
 */
export class LegacyRawTokenKeys {
  readonly #pending = new Set<string>();
  #retrying: Promise<void> | null = null;

  constructor(
    private readonly client: RedisConnection,
    private readonly mappingPrefix: string,
    private readonly maxPending: number,
    private readonly logger: Logger,
  ) {}

  /** Digests whose raw key still has to be deleted. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /**
   * Writes the mapping, then the raw key, both for `ttlMs`. In that order, a raw key never
   * exists without the mapping that lets a revocation find it.
   */
  async write(rawToken: string, digest: string, userId: string, ttlMs: number): Promise<void> {
    await attempt('legacy write', async () => {
      await this.client.set(this.#mappingKey(digest), rawToken, 'PX', ttlMs);
      await this.client.set(rawToken, userId, 'PX', ttlMs);
    });
  }

  /**
   * Deletes the raw key and the mapping of each digest. Digests that fail stay pending, and the
   * call rejects with the first failure.
   */
  async delete(digests: readonly string[]): Promise<void> {
    const results = await Promise.allSettled(digests.map((digest) => this.#deleteOne(digest)));
    let failure: unknown = null;
    results.forEach((result, i) => {
      const digest = digests[i];
      if (result.status === 'fulfilled' || digest === undefined) return;
      this.#remember(digest);
      failure ??= result.reason;
    });
    if (failure !== null) throw failure;
  }

  /**
   * Tries the pending deletions again. Never rejects: what still fails stays pending. Calls made
   * while a retry runs share it.
   */
  retryPending(): Promise<void> {
    if (this.#pending.size === 0) return Promise.resolve();
    this.#retrying ??= this.#retry().finally(() => {
      this.#retrying = null;
    });
    return this.#retrying;
  }

  async #retry(): Promise<void> {
    const digests = [...this.#pending];
    const results = await Promise.allSettled(digests.map((digest) => this.#deleteOne(digest)));
    results.forEach((result, i) => {
      const digest = digests[i];
      if (result.status === 'fulfilled' && digest !== undefined) this.#pending.delete(digest);
    });
  }

  async #deleteOne(digest: string): Promise<void> {
    await attempt('legacy delete', async () => {
      const mappingKey = this.#mappingKey(digest);
      const rawToken = await this.client.get(mappingKey);
      if (rawToken !== null) await this.client.del(rawToken);
      await this.client.del(mappingKey);
    });
  }

  #remember(digest: string): void {
    this.#pending.delete(digest);
    this.#pending.add(digest);
    if (this.#pending.size <= this.maxPending) return;
    const oldest = this.#pending.values().next().value;
    if (oldest !== undefined) this.#pending.delete(oldest);
    this.logger.warn(
      { maxPending: this.maxPending },
      'legacy raw-token deletion dropped: too many pending; that raw key lives until its TTL',
    );
  }

  #mappingKey(digest: string): string {
    return `${this.mappingPrefix}${digest}`;
  }
}
