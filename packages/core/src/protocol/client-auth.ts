import { digestEqual, digest as sha256 } from '../crypto/tokens.js';
import type { Client } from '../domain/client.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { ClientStore } from '../ports/client-store.js';
import { decodeFormComponent } from './form.js';

/** The client credentials a request carries, before they are checked. */
export interface PresentedCredentials {
  readonly clientId: string;
  readonly secret: string | null;
  /** Whether they came in the Authorization header (RFC 6749 §5.2 then asks for a 401 challenge). */
  readonly viaHeader: boolean;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** RFC 6749 Appendix B, but a value that does not percent-decode is taken as it is. */
function decodeBasicPart(value: string): string {
  try {
    return decodeFormComponent(value);
  } catch {
    return value;
  }
}

function invalidClient(viaHeader: boolean, description: string): OAuthError {
  return new OAuthError('invalid_client', description, {
    status: 401,
    headers: viaHeader ? { 'WWW-Authenticate': 'Basic realm="token", charset="UTF-8"' } : {},
  });
}

/**
 * Reads client credentials from `client_secret_basic` (RFC 6749 §2.3.1, the Authorization
 * header) or `client_secret_post` / a bare `client_id` (the body). Using both methods at once is
 * `invalid_request` (§2.3: "MUST NOT use more than one authentication method").
 */
export function presentedCredentials(
  authorization: string | null,
  params: ReadonlyMap<string, string>,
): PresentedCredentials {
  const bodyId = params.get('client_id');
  const bodySecret = params.get('client_secret');
  if (authorization !== null) {
    const match = /^([^ ]+) +([^ ]+) *$/.exec(authorization);
    if (match?.[1]?.toLowerCase() !== 'basic' || match[2] === undefined) {
      throw invalidClient(true, 'The Authorization header must use the Basic scheme.');
    }
    const encoded = match[2];
    let decoded: string;
    try {
      if (!BASE64.test(encoded)) throw new Error('not base64');
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(encoded, 'base64'));
    } catch {
      throw invalidClient(true, 'The Basic credentials are not valid base64 of UTF-8 text.');
    }
    const colon = decoded.indexOf(':');
    if (colon === -1) throw invalidClient(true, 'The Basic credentials have no ":" separator.');
    const clientId = decodeBasicPart(decoded.slice(0, colon));
    const secret = decodeBasicPart(decoded.slice(colon + 1));
    if (bodySecret !== undefined) {
      throw new OAuthError(
        'invalid_request',
        'Send client credentials in the Authorization header or in the body, not both.',
      );
    }
    if (bodyId !== undefined && bodyId !== clientId) {
      throw new OAuthError('invalid_request', 'client_id differs from the Authorization header.');
    }
    return { clientId, secret: secret === '' ? null : secret, viaHeader: true };
  }
  if (bodyId === undefined) {
    throw invalidClient(false, 'Client authentication is required.');
  }
  return { clientId: bodyId, secret: bodySecret ?? null, viaHeader: false };
}

/**
 * Checks presented credentials against the stored client. A public client is identified by its
 * client_id alone and must not present a secret; a confidential one must present its secret,
 * compared in constant time with the stored digest. Every failure is the same `invalid_client`.
 */
export async function authenticateClient(
  clients: ClientStore,
  presented: PresentedCredentials,
): Promise<Client> {
  const failure = () => invalidClient(presented.viaHeader, 'Client authentication failed.');
  const client = await clients.find(presented.clientId);
  if (client === null) throw failure();
  if (client.type === 'public') {
    if (presented.secret !== null) throw failure();
    return client;
  }
  if (presented.secret === null || client.secretDigest === null) throw failure();
  if (!digestEqual(sha256(presented.secret), client.secretDigest)) throw failure();
  return client;
}
