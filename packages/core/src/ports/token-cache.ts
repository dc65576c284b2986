/** What the cache keeps of a verified access token: enough to answer without the store. */
export interface CachedToken {
  readonly userId: string | null;
  readonly username: string | null;
  readonly clientId: string;
  readonly scope: readonly string[];
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

export type CacheLookup =
  | { readonly status: 'hit'; readonly token: CachedToken }
  /** A tombstone: the token was revoked. */
  | { readonly status: 'revoked' }
  | { readonly status: 'miss' };

/**
 * The fast verification cache (Redis in production), keyed by token digest and by the store's
 * cache generation. Entries of another generation are invisible.
 *
 * Contract:
 * - `get` returns `hit`, `revoked` (a tombstone) or `miss` for (digest, generation).
 * - `add` stores the entry for `ttlMs` only when nothing is stored for (digest, generation): it
 *   never overwrites a tombstone, so a verification racing a revocation cannot resurrect a token.
 * - `revoke` writes a tombstone for each digest, replacing any entry, kept for its `ttlMs`.
 * - `issued` is told once of every new access token, raw value included. It exists only for
 *   adapters that must write a legacy format a resource server reads (the seed's raw-token keys);
 *   every other implementation must ignore the raw value and never store or log it.
 * - Every method rejects when the cache cannot be reached, within a bounded time; the core then
 *   falls back to the store and never trusts the cache for a token it could not invalidate.
 */
export interface TokenCache {
  get(digest: string, generation: number): Promise<CacheLookup>;
  add(digest: string, generation: number, token: CachedToken, ttlMs: number): Promise<void>;
  revoke(
    entries: readonly { readonly digest: string; readonly ttlMs: number }[],
    generation: number,
  ): Promise<void>;
  issued(rawToken: string, digest: string, token: CachedToken, ttlMs: number): Promise<void>;
}
