import { safeEqual } from '../crypto/tokens.js';
import { OAuthError } from '../errors/oauth-error.js';

/** Credentials for the management API and page. */
export interface ManagementCredentials {
  readonly username: string;
  readonly password: string;
}

export const MANAGEMENT_REALM = 'Sentinel management';

/**
 * Checks HTTP Basic credentials (RFC 7617) against the configured ones, both parts compared in
 * constant time. Throws a 401 with a `WWW-Authenticate` challenge, so browsers show their login
 * dialog.
 */
export function checkBasicAuth(authorization: string | null, expected: ManagementCredentials) {
  const match = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(authorization ?? '');
  let user = '';
  let pass = '';
  if (match?.[1] !== undefined) {
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon !== -1) {
      user = decoded.slice(0, colon);
      pass = decoded.slice(colon + 1);
    }
  }
  // Both comparisons always run, so timing says nothing about which part was wrong.
  const userOk = safeEqual(user, expected.username);
  const passOk = safeEqual(pass, expected.password);
  if (!(userOk && passOk)) {
    throw new OAuthError('invalid_client', 'Management credentials are required.', {
      status: 401,
      headers: { 'WWW-Authenticate': `Basic realm="${MANAGEMENT_REALM}", charset="UTF-8"` },
    });
  }
}
