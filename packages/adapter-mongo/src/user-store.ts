import {
  DuplicateUsernameError,
  type NewUser,
  type User,
  type UserPatch,
  type UserStore,
} from '@sentinel/core';
import { type Collection, type Db, ObjectId } from 'mongodb';
import { isObjectIdHex } from './bson.js';
import { DEFAULT_COLLECTIONS } from './collections.js';
import { isDuplicateKey, storeCall } from './errors.js';
import { ensureIndex } from './indexes.js';
import { newUserDocument, toUser, type UserDocument } from './user-document.js';

export interface MongoUserStoreOptions {
  /** Collection name; default `users`. */
  readonly collection?: string;
}

/**
 * `UserStore` over a MongoDB collection. Ids are ObjectId hex strings; usernames are unique by a
 * unique index (see `ensureIndexes`), so concurrent creations of one name cannot both succeed.
 */
export class MongoUserStore implements UserStore {
  readonly #users: Collection<UserDocument>;

  constructor(db: Db, options: MongoUserStoreOptions = {}) {
    this.#users = db.collection<UserDocument>(options.collection ?? DEFAULT_COLLECTIONS.users);
  }

  /** Creates the unique index on `username`. Idempotent; fails if stored usernames repeat. */
  ensureIndexes(): Promise<void> {
    return storeCall('users.ensureIndexes', () =>
      ensureIndex(this.#users, 'username', { unique: true }),
    );
  }

  create(user: NewUser): Promise<User> {
    return storeCall('users.create', async () => {
      const document = newUserDocument(new ObjectId(), user);
      try {
        await this.#users.insertOne(document);
      } catch (error) {
        if (isDuplicateKey(error)) throw new DuplicateUsernameError(user.username);
        throw error;
      }
      return { id: document._id.toHexString(), ...user, disabledAt: null };
    });
  }

  findById(id: string): Promise<User | null> {
    return storeCall('users.findById', async () => {
      if (!isObjectIdHex(id)) return null;
      const document = await this.#users.findOne({ _id: new ObjectId(id) });
      return document ? this.#toUser(document) : null;
    });
  }

  findByUsername(username: string): Promise<User | null> {
    return storeCall('users.findByUsername', async () => {
      const document = await this.#users.findOne({ username });
      return document ? this.#toUser(document) : null;
    });
  }

  list(): Promise<User[]> {
    return storeCall('users.list', async () => {
      const documents = await this.#users.find({}).toArray();
      // Sorted here, not by the server: seed users have no created_at, only their _id's time.
      return documents
        .map((document) => this.#toUser(document))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    });
  }

  update(id: string, patch: UserPatch): Promise<User | null> {
    return storeCall('users.update', async () => {
      if (!isObjectIdHex(id)) return null;
      const set: Partial<UserDocument> = {};
      if (patch.passwordHash !== undefined) set.hashpw = patch.passwordHash;
      if (patch.disabledAt !== undefined) set.disabled_at = patch.disabledAt;
      const filter = { _id: new ObjectId(id) };
      const document =
        Object.keys(set).length === 0
          ? await this.#users.findOne(filter)
          : await this.#users.findOneAndUpdate(filter, { $set: set }, { returnDocument: 'after' });
      return document ? this.#toUser(document) : null;
    });
  }

  delete(id: string): Promise<boolean> {
    return storeCall('users.delete', async () => {
      if (!isObjectIdHex(id)) return false;
      const result = await this.#users.deleteOne({ _id: new ObjectId(id) });
      return result.deletedCount === 1;
    });
  }

  #toUser(document: UserDocument): User {
    return toUser(document, this.#users.collectionName);
  }
}
