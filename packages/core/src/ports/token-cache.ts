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
 * - `add` and `revoke` store nothing for a `ttlMs` of 0 or less; `revoke([])` does nothing.
 * - `issued` is told once of every new access token, raw value included. It exists only for
 *   adapters that must write a legacy format a resource server reads (the seed's raw-token keys);
 *   every other implementation must ignore the raw value and never store or log it. The core
 *   awaits it; if it rejects, the login still succeeds and a warning is logged. Legacy entries
 *   carry no generation, so an adapter writing them must delete them on `revoke` itself and
 *   retry deletes that failed while the cache was down.
 * - Every method rejects when the cache cannot be reached, within a bounded time (well under a
 *   second is the aim), with `StoreUnavailableError` or an error whose message carries no token.
 *   The core then falls back to the store, and never trusts the cache for a token it could not
 *   tombstone. A rejection means "unknown": the command may still have been applied.
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
