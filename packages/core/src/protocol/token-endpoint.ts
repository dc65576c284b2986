import { GRANT_TYPES, type GrantType } from '../domain/client.js';
import { OAuthError } from '../errors/oauth-error.js';
import { toOAuthError } from '../errors/to-response.js';
import type { BruteForceGuard } from '../grants/brute-force.js';
import type { GrantHandler } from '../grants/grant.js';
import type { ClientStore } from '../ports/client-store.js';
import type { Logger } from '../ports/logger.js';
import { mediaType, readBody } from './body.js';
import { authenticateClient, presentedCredentials } from './client-auth.js';
import { parseForm } from './form.js';
import { errorResponse, json, NO_STORE } from './responses.js';

export interface TokenEndpointDeps {
  readonly clients: ClientStore;
  readonly grants: Readonly<Record<GrantType, GrantHandler>>;
  readonly guard: BruteForceGuard;
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
    // 1. POST only; the query string is never read (credentials stay out of URLs and logs).
    if (request.method !== 'POST') {
      throw new OAuthError('invalid_request', 'The token endpoint accepts POST only.', {
        status: 405,
        headers: { Allow: 'POST' },
      });
    }
    // 2. A form body, strictly parsed: capped in size, no repeated parameters.
    if (mediaType(request) !== 'application/x-www-form-urlencoded') {
      throw new OAuthError(
        'invalid_request',
        'The request body must be application/x-www-form-urlencoded.',
      );
    }
    const params = parseForm(await readBody(request));
    // 3. Refuse at once an IP that has failed too often.
    await deps.guard.assertAllowed(clientIp);
    // 4. Authenticate the client; failures count against the IP.
    const presented = presentedCredentials(request.headers.get('authorization'), params);
    let client: Awaited<ReturnType<typeof authenticateClient>>;
    try {
      client = await authenticateClient(deps.clients, presented);
    } catch (error) {
      if (error instanceof OAuthError) await deps.guard.recordFailure(clientIp);
      throw error;
    }
    // 5. The grant is present, supported, and allowed for this client.
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
    // 6. The grant itself, then the RFC 6749 §5.1 response.
    const body = await deps.grants[grantType]({ client, params, clientIp });
    return json(200, body, NO_STORE);
  } catch (error) {
    return errorResponse(toOAuthError(error, deps.logger, { endpoint: 'token' }), NO_STORE);
  }
}

function isGrantType(value: string): value is GrantType {
  return (GRANT_TYPES as readonly string[]).includes(value);
}
