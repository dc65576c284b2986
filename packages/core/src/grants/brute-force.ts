import { digest } from '../crypto/tokens.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { AttemptLimiter } from '../ports/attempt-limiter.js';
import type { Logger } from '../ports/logger.js';

export interface BruteForcePolicy {
  readonly userIpFailures: number;
  readonly ipFailures: number;
  readonly windowSeconds: number;
}

/**
 * Brute-force protection for the token endpoint (RFC 6749 §4.3.2, RFC 9700 §4.3):
 *
 * - Failed logins count per (username, client IP) and per client IP; failed client
 *   authentications count per client IP. Counts live in fixed windows of `windowSeconds`.
 * - Once a key reaches its limit, requests it covers answer 429 `temporarily_unavailable` with
 *   `Retry-After` until the window ends, before any password is checked. The answer is the same
 *   whether or not the username exists.
 * - Keys include the client IP, so an attacker elsewhere cannot lock a real user out; and every
 *   block ends with its window, so no one is locked out forever. A successful login clears its
 *   (username, IP) count.
 * - If the limiter's store is down, requests go through (and a warning is logged): logins must
 *   keep working when Redis is down, and the password check still stands between an attacker
 *   and a token.
 */
export class BruteForceGuard {
  constructor(
    private readonly limiter: AttemptLimiter,
    private readonly policy: BruteForcePolicy,
    private readonly logger: Logger,
  ) {}

  /** Throws 429 when the client IP is over its limit. Every token endpoint request asks first. */
  async assertIpAllowed(ip: string): Promise<void> {
    const { over, resetInMs } = await this.#check(ipKey(ip), this.policy.ipFailures);
    if (over) throw tooMany(resetInMs);
  }

  /**
   * Throws 429 when this username, from this IP, is over its limit; otherwise resolves the
   * failures counted so far, for `recordSuccess`. The IP's own limit is not checked again here:
   * `assertIpAllowed` did that for the same request a moment earlier.
   */
  async assertUserAllowed(ip: string, username: string): Promise<number> {
    const { over, count, resetInMs } = await this.#check(
      userKey(ip, username),
      this.policy.userIpFailures,
    );
    if (over) throw tooMany(resetInMs);
    return count;
  }

  async recordFailure(ip: string, username?: string): Promise<void> {
    const windowMs = this.policy.windowSeconds * 1000;
    const keys = username === undefined ? [ipKey(ip)] : [ipKey(ip), userKey(ip, username)];
    await this.#tolerate(Promise.all(keys.map((k) => this.limiter.hit(k, windowMs))));
  }

  /**
   * Clears the (username, IP) count after a good password. `failuresBefore` is what
   * `assertUserAllowed` found: with none there is nothing to clear, and the limiter is not asked
   * (a failure counted in between, by a concurrent request, is left to its window).
   */
  async recordSuccess(ip: string, username: string, failuresBefore: number): Promise<void> {
    if (failuresBefore === 0) return;
    await this.#tolerate(this.limiter.reset(userKey(ip, username)));
  }

  async #check(
    key: string,
    limit: number,
  ): Promise<{ over: boolean; count: number; resetInMs: number }> {
    try {
      const { count, resetInMs } = await this.limiter.peek(key);
      return { over: count >= limit, count, resetInMs };
    } catch (error) {
      this.#warn(error);
      return { over: false, count: 0, resetInMs: 0 };
    }
  }

  async #tolerate(work: Promise<unknown>): Promise<void> {
    try {
      await work;
    } catch (error) {
      this.#warn(error);
    }
  }

  #warn(error: unknown): void {
    this.logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'attempt limiter unavailable; brute-force counting is paused',
    );
  }
}

/** The 429 for a blocked key, with `Retry-After` in whole seconds (at least 1). */
function tooMany(resetInMs: number): OAuthError {
  const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
  return new OAuthError('temporarily_unavailable', 'Too many failed attempts. Try again later.', {
    status: 429,
    headers: { 'Retry-After': String(seconds) },
  });
}

const ipKey = (ip: string) => `ip:${ip}`;
/** The username is hashed so that keys stay short and free of odd characters. */
const userKey = (ip: string, username: string) => `user:${digest(username).slice(0, 32)}:${ip}`;
