import type { Client, ClientPatch } from '../domain/client.js';

/** Thrown by `ClientStore.create` when the client_id is taken. */
export class DuplicateClientError extends Error {
  constructor(readonly clientId: string) {
    super(`client_id already exists: ${clientId}`);
    this.name = 'DuplicateClientError';
  }
}

/**
 * Where OAuth clients live.
 *
 * Contract:
 * - `create` stores the client as given; a taken `clientId` rejects with `DuplicateClientError`.
 * - `find` returns null for an unknown client_id.
 * - `update` applies only the given fields and returns the client, or null when unknown.
 * - `delete` returns whether a client was removed.
 * - `list` returns every client, ordered by creation time, oldest first.
 */
export interface ClientStore {
  create(client: Client): Promise<Client>;
  find(clientId: string): Promise<Client | null>;
  list(): Promise<Client[]>;
  update(clientId: string, patch: ClientPatch): Promise<Client | null>;
  delete(clientId: string): Promise<boolean>;
}
