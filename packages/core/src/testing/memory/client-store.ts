import type { Client, ClientPatch } from '../../domain/client.js';
import { type ClientStore, DuplicateClientError } from '../../ports/client-store.js';
import { definedOnly } from './user-store.js';

export class MemoryClientStore implements ClientStore {
  readonly #byId = new Map<string, Client>();

  async create(client: Client): Promise<Client> {
    if (this.#byId.has(client.clientId)) throw new DuplicateClientError(client.clientId);
    this.#byId.set(client.clientId, client);
    return client;
  }

  async find(clientId: string): Promise<Client | null> {
    return this.#byId.get(clientId) ?? null;
  }

  async list(): Promise<Client[]> {
    return [...this.#byId.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async update(clientId: string, patch: ClientPatch): Promise<Client | null> {
    const client = this.#byId.get(clientId);
    if (!client) return null;
    const updated: Client = { ...client, ...definedOnly(patch) };
    this.#byId.set(clientId, updated);
    return updated;
  }

  async delete(clientId: string): Promise<boolean> {
    return this.#byId.delete(clientId);
  }
}
