import {
  type Client,
  type ClientPatch,
  type ClientStore,
  DuplicateClientError,
} from '@sentinel/core';
import { type Collection, type Db, ObjectId } from 'mongodb';
import { type ClientDocument, newClientDocument, toClient } from './client-document.js';
import { DEFAULT_COLLECTIONS } from './collections.js';
import { isDuplicateKey, storeCall } from './errors.js';
import { ensureIndex } from './indexes.js';

export interface MongoClientStoreOptions {
  /** Collection name; default `clients`. */
  readonly collection?: string;
}

/** `ClientStore` over a MongoDB collection, keyed by the unique `client_id` field. */
export class MongoClientStore implements ClientStore {
  readonly #clients: Collection<ClientDocument>;

  constructor(db: Db, options: MongoClientStoreOptions = {}) {
    this.#clients = db.collection<ClientDocument>(
      options.collection ?? DEFAULT_COLLECTIONS.clients,
    );
  }

  /** Creates the unique index on `client_id`. Idempotent; fails if stored client_ids repeat. */
  ensureIndexes(): Promise<void> {
    return storeCall('clients.ensureIndexes', () =>
      ensureIndex(this.#clients, 'client_id', { unique: true }),
    );
  }

  create(client: Client): Promise<Client> {
    return storeCall('clients.create', async () => {
      try {
        await this.#clients.insertOne(newClientDocument(new ObjectId(), client));
      } catch (error) {
        if (isDuplicateKey(error)) throw new DuplicateClientError(client.clientId);
        throw error;
      }
      return client;
    });
  }

  find(clientId: string): Promise<Client | null> {
    return storeCall('clients.find', async () => {
      const document = await this.#clients.findOne({ client_id: clientId });
      return document ? this.#toClient(document) : null;
    });
  }

  list(): Promise<Client[]> {
    return storeCall('clients.list', async () => {
      const documents = await this.#clients.find({}).toArray();
      // Sorted here, not by the server: seed clients have no created_at, only their _id's time.
      return documents
        .map((document) => this.#toClient(document))
        .sort(
          (a, b) =>
            a.createdAt.getTime() - b.createdAt.getTime() || a.clientId.localeCompare(b.clientId),
        );
    });
  }

  update(clientId: string, patch: ClientPatch): Promise<Client | null> {
    return storeCall('clients.update', async () => {
      const filter = { client_id: clientId };
      const document =
        patch.secretDigest === undefined
          ? await this.#clients.findOne(filter)
          : await this.#clients.findOneAndUpdate(
              filter,
              { $set: { secret_digest: patch.secretDigest } },
              { returnDocument: 'after' },
            );
      return document ? this.#toClient(document) : null;
    });
  }

  delete(clientId: string): Promise<boolean> {
    return storeCall('clients.delete', async () => {
      const result = await this.#clients.deleteOne({ client_id: clientId });
      return result.deletedCount === 1;
    });
  }

  #toClient(document: ClientDocument): Client {
    return toClient(document, this.#clients.collectionName);
  }
}
