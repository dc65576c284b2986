import { digest } from '../crypto/tokens.js';
import { OAuthError } from '../errors/oauth-error.js';
import { toOAuthError } from '../errors/to-response.js';
import type { Logger } from '../ports/logger.js';
import type { TokenStore } from '../ports/token-store.js';
import type { Revoker } from '../tokens/revoke.js';
import { type ClientRequestDeps, readClientRequest } from './client-request.js';
import { errorResponse, json, NO_STORE } from './responses.js';

export interface RevocationDeps extends ClientRequestDeps {
  readonly tokens: TokenStore;
  readonly revoke: Revoker;
  readonly logger: Logger;
}

/**
 * Token revocation, RFC 7009. The client authenticates as at the token endpoint. Revoking a
 * refresh token revokes its whole family (every token of that login, §2.1 allows it); revoking
 * an access token revokes that token. An unknown, expired or already revoked token still gets
 * 200 (§2.2). A token issued to another client is refused (§2.1). `token_type_hint` is accepted
 * and not needed: tokens are found by digest whatever their kind.
 */
export async function revocationEndpoint(
  deps: RevocationDeps,
  request: Request,
  clientIp: string,
): Promise<Response> {
  try {
    const { client, params } = await readClientRequest(deps, request, clientIp);
    const token = params.get('token');
    if (token === undefined) {
      throw new OAuthError('invalid_request', 'The token parameter is required.');
    }
    const record = await deps.tokens.find(digest(token));
    if (record !== null && record.clientId !== client.clientId) {
      throw new OAuthError('invalid_request', 'This token was not issued to this client.');
    }
    if (record !== null && record.revokedAt === null) {
      if (record.kind === 'refresh') await deps.revoke.family(record.familyId);
      else await deps.revoke.token(record.digest);
    }
    return json(200, {}, NO_STORE);
  } catch (error) {
    return errorResponse(toOAuthError(error, deps.logger, { endpoint: 'revoke' }), NO_STORE);
  }
}
