import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a CSRF token is accepted after the page that carried it was rendered. */
export const CSRF_LIFETIME_SECONDS = 3600;
/** Tolerated clock difference between processes, for a token issued "in the future". */
const SKEW_SECONDS = 60;

/**
 * Stateless CSRF tokens: `<issued-at seconds>.<HMAC-SHA-256 of it, base64url>`. Any process that
 * shares the key verifies them, so nothing is stored; they are valid for about an hour.
 */
export class CsrfTokens {
  constructor(private readonly key: Buffer) {}

  /** A token for a page rendered at `nowMs`. */
  issue(nowMs: number): string {
    const issuedAt = String(Math.floor(nowMs / 1000));
    return `${issuedAt}.${this.#mac(issuedAt).toString('base64url')}`;
  }

  /** Whether `token` was issued with this key and is still within its lifetime. */
  verify(token: string | null | undefined, nowMs: number): boolean {
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
    if (match?.[1] === undefined || match[2] === undefined) return false;
    const given = Buffer.from(match[2], 'base64url');
    const expected = this.#mac(match[1]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    const age = Math.floor(nowMs / 1000) - Number(match[1]);
    return age >= -SKEW_SECONDS && age <= CSRF_LIFETIME_SECONDS;
  }

  #mac(issuedAt: string): Buffer {
    return createHmac('sha256', this.key).update(`csrf:${issuedAt}`).digest();
  }
}
