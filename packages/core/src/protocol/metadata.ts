import type { SentinelConfig } from '../config.js';
import { GRANT_TYPES } from '../domain/client.js';
import { OAuthError } from '../errors/oauth-error.js';
import { toOAuthError } from '../errors/to-response.js';
import type { ClientStore } from '../ports/client-store.js';
import type { Logger } from '../ports/logger.js';
import { errorResponse, json } from './responses.js';
import { routesOf } from './router.js';

export interface MetadataDeps {
  readonly config: SentinelConfig;
  readonly clients: ClientStore;
  readonly logger: Logger;
}

const CLIENT_AUTH = ['client_secret_basic', 'client_secret_post'];

/**
 * Authorization server metadata, RFC 8414 §2 and §3. Endpoint URLs follow the configured prefix
 * and paths, and disabled endpoints are left out. `issuer` is the configured one, or the origin
 * the request reached.
 */
export async function metadataEndpoint(deps: MetadataDeps, request: Request): Promise<Response> {
  try {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new OAuthError('invalid_request', 'Metadata is read with GET.', {
        status: 405,
        headers: { Allow: 'GET, HEAD' },
      });
    }
    const { config } = deps;
    const issuer = config.issuer ?? new URL(request.url).origin;
    const routes = routesOf(config);
    const url = (path: string | null) => (path === null ? undefined : `${issuer}${path}`);
    const scopes =
      config.scopesSupported ??
      [...new Set((await deps.clients.list()).flatMap((c) => c.scopes))].sort();
    return json(200, {
      issuer,
      token_endpoint: url(routes.token),
      revocation_endpoint: url(routes.revoke),
      introspection_endpoint: url(routes.introspect),
      grant_types_supported: GRANT_TYPES,
      response_types_supported: [],
      scopes_supported: scopes,
      token_endpoint_auth_methods_supported: [...CLIENT_AUTH, 'none'],
      revocation_endpoint_auth_methods_supported: [...CLIENT_AUTH, 'none'],
      introspection_endpoint_auth_methods_supported: CLIENT_AUTH,
    });
  } catch (error) {
    return errorResponse(toOAuthError(error, deps.logger, { endpoint: 'metadata' }));
  }
}
