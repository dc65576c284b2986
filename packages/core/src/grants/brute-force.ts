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

  /** Throws 429 when the IP, or the username from this IP, is over its limit. */
  async assertAllowed(ip: string, username?: string): Promise<void> {
    const checks: Promise<[boolean, number]>[] = [this.#over(ipKey(ip), this.policy.ipFailures)];
    if (username !== undefined) {
      checks.push(this.#over(userKey(ip, username), this.policy.userIpFailures));
    }
    const waits = (await Promise.all(checks)).filter(([over]) => over).map(([, ms]) => ms);
    if (waits.length === 0) return;
    const seconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
    throw new OAuthError('temporarily_unavailable', 'Too many failed attempts. Try again later.', {
      status: 429,
      headers: { 'Retry-After': String(seconds) },
    });
  }

  async recordFailure(ip: string, username?: string): Promise<void> {
    const windowMs = this.policy.windowSeconds * 1000;
    const keys = username === undefined ? [ipKey(ip)] : [ipKey(ip), userKey(ip, username)];
    await this.#tolerate(Promise.all(keys.map((k) => this.limiter.hit(k, windowMs))));
  }

  async recordSuccess(ip: string, username: string): Promise<void> {
    await this.#tolerate(this.limiter.reset(userKey(ip, username)));
  }

  async #over(key: string, limit: number): Promise<[boolean, number]> {
    try {
      const { count, resetInMs } = await this.limiter.peek(key);
      return [count >= limit, resetInMs];
    } catch (error) {
      this.#warn(error);
      return [false, 0];
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

const ipKey = (ip: string) => `ip:${ip}`;
/** The username is hashed so that keys stay short and free of odd characters. */
const userKey = (ip: string, username: string) => `user:${digest(username).slice(0, 32)}:${ip}`;
