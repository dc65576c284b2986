import type { NewUser, User, UserPatch } from '../domain/user.js';

/** Thrown by `UserStore.create` when the username is taken. */
export class DuplicateUsernameError extends Error {
  constructor(readonly username: string) {
    super(`username already exists: ${username}`);
    this.name = 'DuplicateUsernameError';
  }
}

/**
 * Where users live.
 *
 * Contract:
 * - `create` assigns a new unique id and returns the stored user. Usernames are unique: when the
 *   username exists it rejects with `DuplicateUsernameError`, and of N concurrent creations of one
 *   username exactly one succeeds (a unique index, not a read-then-write).
 * - Lookups return null for an unknown id or username, never throw for "not found".
 * - `update` applies only the given fields and returns the updated user, or null when unknown.
 * - `delete` returns whether a user was removed.
 * - `list` returns every user, ordered by creation time, oldest first.
 * - Any other failure (server down, malformed stored document) rejects with an Error; the core
 *   answers it as `temporarily_unavailable` or `server_error`.
 */
export interface UserStore {
  create(user: NewUser): Promise<User>;
  findById(id: string): Promise<User | null>;
  findByUsername(username: string): Promise<User | null>;
  list(): Promise<User[]>;
  update(id: string, patch: UserPatch): Promise<User | null>;
  delete(id: string): Promise<boolean>;
}
