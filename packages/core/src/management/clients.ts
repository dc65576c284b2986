import { digest, generateClientId, generateToken } from '../crypto/tokens.js';
import type { Client, ClientType, GrantType } from '../domain/client.js';
import { isScopeToken } from '../domain/scope.js';
import { OAuthError } from '../errors/oauth-error.js';
import { DuplicateClientError } from '../ports/client-store.js';
import type { Deps } from '../tokens/deps.js';
import type { Revoker } from '../tokens/revoke.js';

export interface NewClientInput {
  readonly name?: string;
  readonly type: ClientType;
  readonly grants?: readonly GrantType[];
  readonly scopes?: readonly string[];
}

/** A client together with its secret, which exists only in this value. */
export interface ClientWithSecret {
  readonly client: Client;
  readonly secret: string | null;
}

export const DEFAULT_GRANTS: readonly GrantType[] = ['password', 'refresh_token'];

const notFound = () => new OAuthError('not_found', 'No client has this client_id.');

/** Managing clients. A confidential client's secret is shown once, when it is made. */
export class ClientManagement {
  constructor(
    private readonly deps: Deps,
    private readonly revoke: Revoker,
  ) {}

  async create(input: NewClientInput): Promise<ClientWithSecret> {
    const grants = [...new Set(input.grants ?? DEFAULT_GRANTS)];
    const scopes = [...new Set(input.scopes ?? [])];
    if (grants.length === 0) throw new OAuthError('invalid_request', 'grants must not be empty.');
    if (input.type === 'public' && grants.includes('client_credentials')) {
      throw new OAuthError(
        'invalid_request',
        'A public client cannot use client_credentials: it has no secret to prove itself with.',
      );
    }
    const bad = scopes.find((s) => !isScopeToken(s));
    if (bad !== undefined) {
      throw new OAuthError('invalid_request', 'Each scope must be a valid RFC 6749 scope token.');
    }
    const secret = input.type === 'confidential' ? generateToken() : null;
    const clientId = generateClientId();
    const client: Client = {
      clientId,
      secretDigest: secret === null ? null : digest(secret),
      type: input.type,
      grants,
      scopes,
      name: input.name ?? clientId,
      createdAt: new Date(this.deps.clock.now()),
    };
    try {
      await this.deps.clients.create(client);
    } catch (error) {
      if (error instanceof DuplicateClientError) {
        throw new OAuthError('conflict', 'A client with this client_id already exists.');
      }
      throw error;
    }
    return { client, secret };
  }

  list(): Promise<Client[]> {
    return this.deps.clients.list();
  }

  async get(clientId: string): Promise<Client> {
    const client = await this.deps.clients.find(clientId);
    if (client === null) throw notFound();
    return client;
  }

  /** Deletes the client and revokes every token issued to it. */
  async delete(clientId: string): Promise<void> {
    // Delete first, revoke second: a token saved by a racing login is refused at verification,
    // which checks that the client exists.
    if (!(await this.deps.clients.delete(clientId))) throw notFound();
    await this.revoke.client(clientId);
  }

  /** Gives a confidential client a new secret; the old one stops working at once. */
  async rotateSecret(clientId: string): Promise<ClientWithSecret> {
    const existing = await this.get(clientId);
    if (existing.type !== 'confidential') {
      throw new OAuthError('invalid_request', 'A public client has no secret to rotate.');
    }
    const secret = generateToken();
    const client = await this.deps.clients.update(clientId, { secretDigest: digest(secret) });
    if (client === null) throw notFound();
    return { client, secret };
  }
}
