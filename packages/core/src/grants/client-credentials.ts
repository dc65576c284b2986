import { OAuthError } from '../errors/oauth-error.js';
import type { Deps } from '../tokens/deps.js';
import { issueTokens } from '../tokens/issue.js';
import type { GrantHandler } from './grant.js';
import { resolveScope } from './scope.js';

/**
 * The client credentials grant, RFC 6749 §4.4: a confidential client gets a token for itself. The
 * token has no user and, as §4.4.3 advises, no refresh token.
 */
export function clientCredentialsGrant(deps: Deps): GrantHandler {
  return async ({ client, params }) => {
    if (client.type !== 'confidential') {
      throw new OAuthError('unauthorized_client', 'Only confidential clients may use this grant.');
    }
    const scope = resolveScope(params.get('scope'), client.scopes);
    return issueTokens(deps, { client, user: null, scope });
  };
}
