import { digest } from '../crypto/tokens.js';
import { formatScope } from '../domain/scope.js';
import type { TokenRecord } from '../domain/token.js';
import { OAuthError } from '../errors/oauth-error.js';
import { toOAuthError } from '../errors/to-response.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { TokenStore } from '../ports/token-store.js';
import type { UserStore } from '../ports/user-store.js';
import { type ClientRequestDeps, readClientRequest } from './client-request.js';
import { errorResponse, json, NO_STORE } from './responses.js';

export interface IntrospectionDeps extends ClientRequestDeps {
  readonly tokens: TokenStore;
  readonly users: UserStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Token introspection, RFC 7662, for confidential clients (resource servers). Any token Sentinel
 * issued may be asked about, whichever client it was issued to. An unknown, expired, revoked or
 * spent token, or one whose user is gone or disabled, is `{"active": false}` and nothing more
 * (§2.2).
 */
export async function introspectionEndpoint(
  deps: IntrospectionDeps,
  request: Request,
  clientIp: string,
): Promise<Response> {
  try {
    const { client, params } = await readClientRequest(deps, request, clientIp);
    if (client.type !== 'confidential') {
      throw new OAuthError('invalid_client', 'Introspection is for confidential clients.', {
        status: 401,
      });
    }
    const token = params.get('token');
    if (token === undefined) {
      throw new OAuthError('invalid_request', 'The token parameter is required.');
    }
    return json(200, await describe(deps, await deps.tokens.find(digest(token))), NO_STORE);
  } catch (error) {
    return errorResponse(toOAuthError(error, deps.logger, { endpoint: 'introspect' }), NO_STORE);
  }
}

async function describe(deps: IntrospectionDeps, record: TokenRecord | null) {
  const inactive = { active: false };
  if (record === null || record.revokedAt !== null || record.consumedAt !== null) return inactive;
  if (record.expiresAt.getTime() <= deps.clock.now()) return inactive;
  if ((await deps.clients.find(record.clientId)) === null) return inactive;
  let username: string | undefined;
  if (record.userId !== null) {
    const user = await deps.users.findById(record.userId);
    if (user === null || user.disabledAt !== null) return inactive;
    username = user.username;
  }
  return {
    active: true,
    scope: formatScope(record.scope),
    client_id: record.clientId,
    ...(username === undefined ? {} : { username }),
    sub: record.userId ?? record.clientId,
    token_type: record.kind === 'access' ? 'Bearer' : 'refresh_token',
    exp: Math.floor(record.expiresAt.getTime() / 1000),
    iat: Math.floor(record.issuedAt.getTime() / 1000),
  };
}
