import type { TokenRecord } from '../domain/token.js';

/** Thrown by `TokenStore.save` when a digest already exists (a 256-bit collision: a bug). */
export class DuplicateTokenError extends Error {
  constructor() {
    super('token digest already exists');
    this.name = 'DuplicateTokenError';
  }
}

/** The digest and expiry of a revoked token, so that caches can drop it until it would expire. */
export interface RevokedToken {
  readonly digest: string;
  readonly expiresAt: Date;
}

/** What a refresh-token redemption did. */
export type RedeemResult =
  /** This call won: the token is now consumed and the caller may issue its successor. */
  | { readonly outcome: 'redeemed'; readonly token: TokenRecord }
  /** The token was consumed before (by an earlier or a concurrent call): a replay. */
  | { readonly outcome: 'replayed'; readonly token: TokenRecord }
  /** No refresh token has this digest. */
  | { readonly outcome: 'unknown' };

/**
 * Where issued tokens live, by digest only.
 *
 * Contract:
 * - `save` stores every record or rejects; a stored record is returned by `find` at once. A
 *   store without multi-document transactions may leave part of a batch behind when the server
 *   fails midway; the core tolerates that (an orphan token was never handed to anyone).
 * - `find` returns the record for a digest, or null. Its `revokedAt` is non-null when the token
 *   or its family was revoked, including for a token saved into a family after that family was
 *   revoked (a refresh racing a replay must not leave a live token behind).
 * - `redeem` marks a refresh token consumed. It is single-use under concurrency: of N concurrent
 *   calls for one digest, exactly one gets `redeemed`, every other gets `replayed`. It does not
 *   look at expiry or revocation: the caller checks those on the returned record.
 * - `revoke`, `revokeFamily`, `revokeUser` and `revokeClient` set `revokedAt` on every matching
 *   token not yet revoked and return those tokens (for cache invalidation). Revoking twice is
 *   harmless. `revokeFamily` also makes the family's later tokens revoked, as `find` says;
 *   `revokeUser` and `revokeClient` need not: the core deletes or disables first and checks the
 *   user and the client at verification, so a token saved while they run is refused anyway.
 * - `purgeExpired(now)` deletes tokens whose `expiresAt` is before `now` and returns how many.
 * - `cacheGeneration` returns a counter that `bumpCacheGeneration` increments atomically and
 *   durably; it starts at 0. The core stamps cache entries with it, so that bumping it makes every
 *   older cache entry untrustworthy in every process (used when a cache could not be reached to
 *   invalidate a revoked token).
 */
export interface TokenStore {
  save(records: readonly TokenRecord[]): Promise<void>;
  find(digest: string): Promise<TokenRecord | null>;
  redeem(digest: string, at: Date): Promise<RedeemResult>;
  revoke(digest: string, at: Date): Promise<RevokedToken[]>;
  revokeFamily(familyId: string, at: Date): Promise<RevokedToken[]>;
  revokeUser(userId: string, at: Date): Promise<RevokedToken[]>;
  revokeClient(clientId: string, at: Date): Promise<RevokedToken[]>;
  purgeExpired(now: Date): Promise<number>;
  cacheGeneration(): Promise<number>;
  bumpCacheGeneration(): Promise<number>;
}
