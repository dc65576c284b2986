import type { TokenRecord } from '../../domain/token.js';
import {
  DuplicateTokenError,
  type RedeemResult,
  type RevokedToken,
  type TokenStore,
} from '../../ports/token-store.js';

/**
 * `TokenStore` in Maps. Tokens are indexed by family, user and client as well as by digest, so
 * that revoking a login, a user or a client touches only their tokens: the demo runs on this
 * store, and a scan of every token per refresh made rotation slow once tokens piled up.
 */
export class MemoryTokenStore implements TokenStore {
  readonly #byDigest = new Map<string, TokenRecord>();
  readonly #byFamily = new Map<string, Set<string>>();
  readonly #byUser = new Map<string, Set<string>>();
  readonly #byClient = new Map<string, Set<string>>();
  readonly #revokedFamilies = new Map<string, Date>();
  #generation = 0;

  async save(records: readonly TokenRecord[]): Promise<void> {
    for (const r of records) if (this.#byDigest.has(r.digest)) throw new DuplicateTokenError();
    for (const r of records) {
      this.#byDigest.set(r.digest, r);
      index(this.#byFamily, r.familyId, r.digest);
      if (r.userId !== null) index(this.#byUser, r.userId, r.digest);
      index(this.#byClient, r.clientId, r.digest);
    }
  }

  async find(digest: string): Promise<TokenRecord | null> {
    const record = this.#byDigest.get(digest);
    if (!record) return null;
    const familyRevokedAt = this.#revokedFamilies.get(record.familyId);
    if (record.revokedAt === null && familyRevokedAt !== undefined) {
      return { ...record, revokedAt: familyRevokedAt };
    }
    return record;
  }

  async redeem(digest: string, at: Date): Promise<RedeemResult> {
    const record = this.#byDigest.get(digest);
    if (record?.kind !== 'refresh') return { outcome: 'unknown' };
    // Check and set with no await in between: that is what makes this single-use.
    const won = record.consumedAt === null;
    if (won) this.#byDigest.set(digest, { ...record, consumedAt: at });
    const current = (await this.find(digest)) ?? record;
    return { outcome: won ? 'redeemed' : 'replayed', token: current };
  }

  async revoke(digest: string, at: Date): Promise<RevokedToken[]> {
    return this.#revokeAll([digest], at);
  }

  async revokeFamily(familyId: string, at: Date): Promise<RevokedToken[]> {
    if (!this.#revokedFamilies.has(familyId)) this.#revokedFamilies.set(familyId, at);
    return this.#revokeAll(this.#byFamily.get(familyId) ?? [], at);
  }

  async revokeUser(userId: string, at: Date): Promise<RevokedToken[]> {
    return this.#revokeAll(this.#byUser.get(userId) ?? [], at);
  }

  async revokeClient(clientId: string, at: Date): Promise<RevokedToken[]> {
    return this.#revokeAll(this.#byClient.get(clientId) ?? [], at);
  }

  async purgeExpired(now: Date): Promise<number> {
    let count = 0;
    for (const [digest, r] of this.#byDigest) {
      if (r.expiresAt.getTime() >= now.getTime()) continue;
      this.#byDigest.delete(digest);
      unindex(this.#byFamily, r.familyId, digest);
      if (r.userId !== null) unindex(this.#byUser, r.userId, digest);
      unindex(this.#byClient, r.clientId, digest);
      count++;
    }
    return count;
  }

  async cacheGeneration(): Promise<number> {
    return this.#generation;
  }

  async bumpCacheGeneration(): Promise<number> {
    this.#generation += 1;
    return this.#generation;
  }

  #revokeAll(digests: Iterable<string>, at: Date): RevokedToken[] {
    const revoked: RevokedToken[] = [];
    for (const digest of digests) {
      const r = this.#byDigest.get(digest);
      if (r === undefined || r.revokedAt !== null) continue;
      this.#byDigest.set(digest, { ...r, revokedAt: at });
      revoked.push({ digest, expiresAt: r.expiresAt });
    }
    return revoked;
  }
}

function index(map: Map<string, Set<string>>, key: string, digest: string): void {
  let set = map.get(key);
  if (set === undefined) {
    set = new Set();
    map.set(key, set);
  }
  set.add(digest);
}

function unindex(map: Map<string, Set<string>>, key: string, digest: string): void {
  const set = map.get(key);
  set?.delete(digest);
  if (set?.size === 0) map.delete(key);
}
