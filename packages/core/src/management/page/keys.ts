import { hkdfSync, randomBytes } from 'node:crypto';
import type { ManagementCredentials } from '../basic-auth.js';

/** The two keys of the management page: one signs CSRF tokens, one encrypts flash cookies. */
export interface PageKeys {
  /** HMAC-SHA-256 key for CSRF tokens. */
  readonly csrf: Buffer;
  /** AES-256-GCM key for the flash cookie. */
  readonly flash: Buffer;
}

const SALT = 'sentinel/management-page/v1';

/**
 * Derives the page's keys with HKDF-SHA-256 from the management credentials, so that every
 * process with the same configuration accepts the tokens and cookies of the others. Changing the
 * password invalidates both. Without credentials (`insecureOpen`), the keys come from a random
 * secret that lives as long as this process.
 */
export function derivePageKeys(credentials: ManagementCredentials | null): PageKeys {
  const secret =
    credentials === null
      ? randomBytes(32)
      : Buffer.from(`${credentials.username}\u0000${credentials.password}`, 'utf8');
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, SALT, purpose, 32));
  return { csrf: derive('csrf-token'), flash: derive('flash-cookie') };
}
