import { digest as sha256 } from '../crypto/tokens.js';
import type { Principal } from '../domain/token.js';
import type { CachedToken, CacheLookup } from '../ports/token-cache.js';
import { type Deps, errorMessage } from './deps.js';
import type { CacheGeneration } from './generation.js';

/**
 * Bearer token verification: the cache first, then the store.
 *
 * A cache hit is trusted only under the current cache generation and only until the cached
 * expiry. A tombstone means revoked. On a miss (or when the cache is down) the store decides:
 * the token must exist, be an access token, be neither expired nor revoked (nor its family), its
 * client must still exist, and its user must still exist and be enabled. A token that passes is then cached for the rest of
 * its lifetime. Disabling or deleting a user revokes its tokens, which is what keeps cache hits
 * honest about disabled users.
 */
export class Verifier {
  constructor(
    private readonly deps: Deps,
    private readonly generation: CacheGeneration,
  ) {}

  async verify(token: string): Promise<Principal | null> {
    const digest = sha256(token);
    const cache = this.deps.cache;
    // The known generation without a promise when there is one: a cache hit then costs one await.
    const generation =
      cache === null ? null : (this.generation.known() ?? (await this.generation.current()));
    if (cache !== null && generation !== null) {
      let cached: CacheLookup | undefined;
      try {
        cached = await cache.get(digest, generation);
      } catch (error) {
        this.deps.logger.warn(
          { err: errorMessage(error) },
          'token cache unavailable; using the store',
        );
      }
      if (cached?.status === 'revoked') return null;
      if (cached?.status === 'hit') {
        return cached.token.expiresAt > this.deps.clock.now() ? toPrincipal(cached.token) : null;
      }
    }
    const found = await this.#fromStore(digest);
    if (found === null) return null;
    if (generation !== null) await this.#fill(digest, generation, found);
    return toPrincipal(found);
  }

  async #fromStore(digest: string): Promise<CachedToken | null> {
    const { tokens, users, clock } = this.deps;
    // The client and the user must still exist (and the user be enabled): a token saved by a
    // login that raced their deletion is refused here, and so never cached.
    const record = await tokens.find(digest);
    if (record === null || record.kind !== 'access' || record.revokedAt !== null) return null;
    if (record.expiresAt.getTime() <= clock.now()) return null;
    if ((await this.deps.clients.find(record.clientId)) === null) return null;
    let username: string | null = null;
    if (record.userId !== null) {
      const user = await users.findById(record.userId);
      if (user === null || user.disabledAt !== null) return null;
      username = user.username;
    }
    return {
      userId: record.userId,
      username,
      clientId: record.clientId,
      scope: record.scope,
      expiresAt: record.expiresAt.getTime(),
    };
  }

  async #fill(digest: string, generation: number, token: CachedToken): Promise<void> {
    try {
      await this.deps.cache?.add(
        digest,
        generation,
        token,
        token.expiresAt - this.deps.clock.now(),
      );
    } catch (error) {
      this.deps.logger.warn({ err: errorMessage(error) }, 'token cache unavailable; not cached');
    }
  }
}

function toPrincipal(token: CachedToken): Principal {
  return {
    userId: token.userId,
    username: token.username,
    clientId: token.clientId,
    scope: token.scope,
    expiresAt: new Date(token.expiresAt),
  };
}
