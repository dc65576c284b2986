import { isScopeToken, isSubset, parseScope } from '../domain/scope.js';
import type { Principal } from '../domain/token.js';
import { toOAuthError } from '../errors/to-response.js';
import type { Logger } from '../ports/logger.js';
import type { Verifier } from '../tokens/verify.js';

/** What `authenticate` decides: the principal, or the response to send instead. */
export type AuthenticateResult =
  | { readonly ok: true; readonly principal: Principal }
  | {
      readonly ok: false;
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: { error?: string; error_description: string };
    };

export interface AuthenticateOptions {
  /** Scopes the route needs, as a space-delimited string or a list; all must be granted. */
  readonly scope?: string | readonly string[];
}

/** RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Checks a request's Authorization header as RFC 6750 says a resource server must. Only the
 * header is read (never the query string or the body). The scheme is case-insensitive.
 *
 * - no header, or another scheme → 401 with a bare `Bearer realm` challenge (§3.1);
 * - a malformed Bearer header → 400 `invalid_request`;
 * - an unknown, expired or revoked token → 401 `invalid_token`;
 * - a token without the required scope → 403 `insufficient_scope`, naming the scope.
 */
export async function authenticateBearer(
  verifier: Verifier,
  realm: string,
  logger: Logger,
  authorization: string | null | undefined,
  required: readonly string[],
): Promise<AuthenticateResult> {
  const challenge = (status: number, code?: string, description = 'Authentication required.') => {
    let header = `Bearer realm="${realm}"`;
    if (code !== undefined) header += `, error="${code}", error_description="${description}"`;
    if (code === 'insufficient_scope') header += `, scope="${required.join(' ')}"`;
    const body =
      code === undefined
        ? { error_description: description }
        : { error: code, error_description: description };
    return { ok: false as const, status, headers: { 'WWW-Authenticate': header }, body };
  };

  if (authorization === null || authorization === undefined || authorization === '') {
    return challenge(401);
  }
  const space = authorization.indexOf(' ');
  const scheme = space === -1 ? authorization : authorization.slice(0, space);
  if (scheme.toLowerCase() !== 'bearer') return challenge(401);
  const token = space === -1 ? '' : authorization.slice(space + 1).replace(/^ +| +$/g, '');
  if (!B64TOKEN.test(token)) {
    return challenge(400, 'invalid_request', 'The Bearer credentials are malformed.');
  }

  let principal: Principal | null;
  try {
    principal = await verifier.verify(token);
  } catch (error) {
    const failure = toOAuthError(error, logger, { endpoint: 'resource' });
    return {
      ok: false,
      status: failure.status,
      headers: { ...failure.headers },
      body: failure.toJSON(),
    };
  }
  if (principal === null) {
    return challenge(401, 'invalid_token', 'The access token is invalid, expired or revoked.');
  }
  if (!isSubset(required, principal.scope)) {
    return challenge(403, 'insufficient_scope', 'The access token lacks the required scope.');
  }
  return { ok: true, principal };
}

/** The scopes a route requires, checked once when the route is set up. */
export function requiredScope(scope: AuthenticateOptions['scope']): readonly string[] {
  if (scope === undefined) return [];
  const list = typeof scope === 'string' ? parseScope(scope) : scope;
  if (list === null || !list.every(isScopeToken)) {
    throw new TypeError(`Invalid required scope: ${JSON.stringify(scope)}`);
  }
  return list;
}
