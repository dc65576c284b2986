import type { RevokedToken } from '../ports/token-store.js';
import { type Deps, errorMessage } from './deps.js';
import type { CacheGeneration } from './generation.js';

/**
 * Revocation: the store is marked first (the durable truth), then the cache gets a tombstone for
 * every revoked token. If the cache cannot be reached, the cache generation is bumped so that no
 * process trusts the old entries any more (see `CacheGeneration`); a process without a cache
 * bumps it too, since other processes sharing the store may cache. If even that fails, the call
 * rejects, so the caller knows the revocation may not have taken full effect and can retry.
 */
export class Revoker {
  constructor(
    private readonly deps: Deps,
    private readonly generation: CacheGeneration,
  ) {}

  token(digest: string): Promise<RevokedToken[]> {
    return this.#run(this.deps.tokens.revoke(digest, this.#now()));
  }

  family(familyId: string): Promise<RevokedToken[]> {
    return this.#run(this.deps.tokens.revokeFamily(familyId, this.#now()));
  }

  user(userId: string): Promise<RevokedToken[]> {
    return this.#run(this.deps.tokens.revokeUser(userId, this.#now()));
  }

  client(clientId: string): Promise<RevokedToken[]> {
    return this.#run(this.deps.tokens.revokeClient(clientId, this.#now()));
  }

  async #run(revoking: Promise<RevokedToken[]>): Promise<RevokedToken[]> {
    const revoked = await revoking;
    const { cache, clock, logger } = this.deps;
    const now = clock.now();
    const live = revoked
      .map((t) => ({ digest: t.digest, ttlMs: t.expiresAt.getTime() - now }))
      .filter((t) => t.ttlMs > 0);
    if (live.length === 0) return revoked;
    if (cache === null) {
      // This process has no cache, but others sharing the store may (a command-line tool next
      // to API servers using Redis). It cannot tombstone their entries, so it retires them all.
      await this.generation.bump();
      return revoked;
    }
    const generation = await this.generation.current();
    try {
      if (generation === null) throw new Error('cache generation unknown');
      await cache.revoke(live, generation);
    } catch (error) {
      logger.warn(
        { err: errorMessage(error), tokens: live.length },
        'could not tombstone revoked tokens in the cache; bumping the cache generation',
      );
      await this.generation.bump();
    }
    return revoked;
  }

  #now(): Date {
    return new Date(this.deps.clock.now());
  }
}
