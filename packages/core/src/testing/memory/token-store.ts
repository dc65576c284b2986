import type { TokenRecord } from '../../domain/token.js';
import {
  DuplicateTokenError,
  type RedeemResult,
  type RevokedToken,
  type TokenStore,
} from '../../ports/token-store.js';

export class MemoryTokenStore implements TokenStore {
  readonly #byDigest = new Map<string, TokenRecord>();
  readonly #revokedFamilies = new Map<string, Date>();
  #generation = 0;

  async save(records: readonly TokenRecord[]): Promise<void> {
    for (const r of records) if (this.#byDigest.has(r.digest)) throw new DuplicateTokenError();
    for (const r of records) this.#byDigest.set(r.digest, r);
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
    return this.#revokeWhere((r) => r.digest === digest, at);
  }

  async revokeFamily(familyId: string, at: Date): Promise<RevokedToken[]> {
    if (!this.#revokedFamilies.has(familyId)) this.#revokedFamilies.set(familyId, at);
    return this.#revokeWhere((r) => r.familyId === familyId, at);
  }

  async revokeUser(userId: string, at: Date): Promise<RevokedToken[]> {
    return this.#revokeWhere((r) => r.userId === userId, at);
  }

  async revokeClient(clientId: string, at: Date): Promise<RevokedToken[]> {
    return this.#revokeWhere((r) => r.clientId === clientId, at);
  }

  async purgeExpired(now: Date): Promise<number> {
    let count = 0;
    for (const [digest, r] of this.#byDigest) {
      if (r.expiresAt.getTime() < now.getTime()) {
        this.#byDigest.delete(digest);
        count++;
      }
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

  #revokeWhere(match: (r: TokenRecord) => boolean, at: Date): RevokedToken[] {
    const revoked: RevokedToken[] = [];
    for (const [digest, r] of this.#byDigest) {
      if (!match(r) || r.revokedAt !== null) continue;
      this.#byDigest.set(digest, { ...r, revokedAt: at });
      revoked.push({ digest, expiresAt: r.expiresAt });
    }
    return revoked;
  }
}
