import type { Client } from '../domain/client.js';
import type { TokenResponse } from '../tokens/issue.js';

/** What a grant handler receives once the client is authenticated and allowed the grant. */
export interface GrantRequest {
  readonly client: Client;
  /** The form parameters, duplicates refused and empty values dropped. */
  readonly params: ReadonlyMap<string, string>;
  /** The client's IP address, for brute-force counting. */
  readonly clientIp: string;
}

/** A grant type's handler: returns the token response or throws an `OAuthError`. */
export type GrantHandler = (request: GrantRequest) => Promise<TokenResponse>;
