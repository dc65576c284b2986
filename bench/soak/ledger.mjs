/**
 * What the soak knows about every access token it was issued, and so what a verification of it
 * must answer. Times are the client's Date.now(), the same clock the demo uses (one machine).
 *
 * A token's server-side expiry is `issued + lifetime`, where `issued` lies between the sending of
 * the request that issued it and the arrival of the answer; a revocation takes effect between the
 * sending of the revoking request and the arrival of its 200. A verification is judged only when
 * its whole flight is on one side of those windows:
 *
 * - revoked (the revoking 200 had arrived before the verification was sent): must be 401;
 * - expired (sent after the latest possible expiry): must be 401;
 * - live (no revocation started before the answer came, answer before the earliest possible
 *   expiry): must be 200;
 * - otherwise indeterminate: either answer is right, and it is only counted.
 */

/** Slack for the millisecond clock on either side. */
const MARGIN_MS = 10;

/**
 * @typedef {object} TokenEntry
 * @property {string} token The raw access token.
 * @property {number} family The login it belongs to (a refresh keeps the family).
 * @property {number} issueSentAt
 * @property {number} issueReceivedAt
 * @property {number} lifetimeMs `expires_in` of the answer that issued it.
 * @property {number | null} revocationSentAt When the first request that revokes it was sent.
 * @property {number | null} revokedAt When the first 200 of such a request arrived.
 * @property {boolean} unknown A revoking request got no clear answer: never judged again.
 */

/** @typedef {'live' | 'revoked' | 'expired'} Verdict */

/**
 * @typedef {object} Expectation
 * @property {200 | 401} status
 * @property {Verdict} verdict
 */

export class Ledger {
  /** @type {TokenEntry[]} */
  #entries = [];
  /** @type {Map<number, TokenEntry[]>} */
  #families = new Map();
  #nextFamily = 1;

  get size() {
    return this.#entries.length;
  }

  /** A new login's family. */
  newFamily() {
    const family = this.#nextFamily++;
    this.#families.set(family, []);
    return family;
  }

  /**
   * @param {number} family
   * @param {string} token
   * @param {{ sentAt: number, receivedAt: number }} answer
   * @param {number} expiresInSeconds
   * @returns {TokenEntry}
   */
  issue(family, token, answer, expiresInSeconds) {
    /** @type {TokenEntry} */
    const entry = {
      token,
      family,
      issueSentAt: answer.sentAt,
      issueReceivedAt: answer.receivedAt,
      lifetimeMs: expiresInSeconds * 1000,
      revocationSentAt: null,
      revokedAt: null,
      unknown: false,
    };
    this.#entries.push(entry);
    this.#families.get(family)?.push(entry);
    return entry;
  }

  /** @param {number} family */
  members(family) {
    return [...(this.#families.get(family) ?? [])];
  }

  /**
   * A request that revokes these tokens is about to be sent.
   *
   * @param {readonly TokenEntry[]} entries
   * @param {number} at
   */
  revoking(entries, at) {
    for (const entry of entries) entry.revocationSentAt ??= at;
  }

  /**
   * Such a request answered 200.
   *
   * @param {readonly TokenEntry[]} entries
   * @param {number} at
   */
  revoked(entries, at) {
    for (const entry of entries) entry.revokedAt ??= at;
  }

  /**
   * Such a request failed: whether the tokens are revoked is no longer known.
   *
   * @param {readonly TokenEntry[]} entries
   */
  lost(entries) {
    for (const entry of entries) entry.unknown = true;
  }

  /**
   * Any token issued so far, uniformly.
   *
   * @param {() => number} random
   * @returns {TokenEntry | undefined}
   */
  sample(random) {
    return this.#entries[Math.floor(random() * this.#entries.length)];
  }

  /**
   * What a verification sent at `sentAt` and answered at `receivedAt` must have answered, or
   * null when either answer is right.
   *
   * @param {TokenEntry} entry
   * @param {number} sentAt
   * @param {number} receivedAt
   * @returns {Expectation | null}
   */
  expect(entry, sentAt, receivedAt) {
    if (entry.unknown) return null;
    if (entry.revokedAt !== null && entry.revokedAt <= sentAt) {
      return { status: 401, verdict: 'revoked' };
    }
    if (sentAt > entry.issueReceivedAt + entry.lifetimeMs + MARGIN_MS) {
      return { status: 401, verdict: 'expired' };
    }
    if (entry.revocationSentAt !== null && entry.revocationSentAt <= receivedAt) return null;
    if (receivedAt + MARGIN_MS >= entry.issueSentAt + entry.lifetimeMs) return null;
    return { status: 200, verdict: 'live' };
  }
}
