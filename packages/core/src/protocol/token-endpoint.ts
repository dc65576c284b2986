import { GRANT_TYPES, type GrantType } from '../domain/client.js';
import { OAuthError } from '../errors/oauth-error.js';
import { toOAuthError } from '../errors/to-response.js';
import type { GrantHandler } from '../grants/grant.js';
import type { Logger } from '../ports/logger.js';
import { type ClientRequestDeps, readClientRequest } from './client-request.js';
import { errorResponse, json, NO_STORE } from './responses.js';

export interface TokenEndpointDeps extends ClientRequestDeps {
  readonly grants: Readonly<Record<GrantType, GrantHandler>>;
  readonly logger: Logger;
}

/**
 * The token endpoint, RFC 6749 §3.2, as a pipeline read top to bottom. Every response, success
 * or error, is JSON with `Cache-Control: no-store` and `Pragma: no-cache` (§5.1).
 */
export async function tokenEndpoint(
  deps: TokenEndpointDeps,
  request: Request,
  clientIp: string,
): Promise<Response> {
  try {
    // 1. POST, a strict form body, an IP not blocked, an authenticated client.
    const { client, params } = await readClientRequest(deps, request, clientIp);
    // 2. The grant is present, supported, and allowed for this client.
    const grantType = params.get('grant_type');
    if (grantType === undefined) {
      throw new OAuthError('invalid_request', 'The grant_type parameter is required.');
    }
    if (!isGrantType(grantType)) {
      throw new OAuthError('unsupported_grant_type', 'This grant type is not supported.');
    }
    if (!client.grants.includes(grantType)) {
      throw new OAuthError('unauthorized_client', 'This client may not use this grant type.');
    }
    // 3. The grant itself, then the RFC 6749 §5.1 response.
    const body = await deps.grants[grantType]({ client, params, clientIp });
    return json(200, body, NO_STORE);
  } catch (error) {
    return errorResponse(toOAuthError(error, deps.logger, { endpoint: 'token' }), NO_STORE);
  }
}

function isGrantType(value: string): value is GrantType {
  return (GRANT_TYPES as readonly string[]).includes(value);
}
