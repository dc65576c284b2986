import type { Client } from '../domain/client.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { BruteForceGuard } from '../grants/brute-force.js';
import type { ClientStore } from '../ports/client-store.js';
import { mediaType, readBody } from './body.js';
import { authenticateClient, presentedCredentials } from './client-auth.js';
import { parseForm } from './form.js';

export interface ClientRequestDeps {
  readonly clients: ClientStore;
  readonly guard: BruteForceGuard;
}

/** An authenticated client's form request to the token, revocation or introspection endpoint. */
export interface ClientRequest {
  readonly client: Client;
  readonly params: ReadonlyMap<string, string>;
}

/**
 * The steps every client-facing POST endpoint shares (RFC 6749 §3.2, RFC 7009 §2.1, RFC 7662
 * §2.1), in order: POST only; an application/x-www-form-urlencoded body, capped in size, with no
 * repeated parameter and nothing read from the query string; an IP that failed too often is
 * refused; then client authentication, whose failures count against the IP.
 */
export async function readClientRequest(
  deps: ClientRequestDeps,
  request: Request,
  clientIp: string,
): Promise<ClientRequest> {
  if (request.method !== 'POST') {
    throw new OAuthError('invalid_request', 'This endpoint accepts POST only.', {
      status: 405,
      headers: { Allow: 'POST' },
    });
  }
  if (mediaType(request) !== 'application/x-www-form-urlencoded') {
    throw new OAuthError(
      'invalid_request',
      'The request body must be application/x-www-form-urlencoded.',
    );
  }
  const params = parseForm(await readBody(request));
  await deps.guard.assertIpAllowed(clientIp);
  const presented = presentedCredentials(request.headers.get('authorization'), params);
  try {
    return { client: await authenticateClient(deps.clients, presented), params };
  } catch (error) {
    if (error instanceof OAuthError) await deps.guard.recordFailure(clientIp);
    throw error;
  }
}
