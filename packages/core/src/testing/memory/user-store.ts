import { randomUUID } from 'node:crypto';
import type { NewUser, User, UserPatch } from '../../domain/user.js';
import { DuplicateUsernameError, type UserStore } from '../../ports/user-store.js';

/** `UserStore` in a Map. Single-threaded JavaScript makes every method atomic. */
export class MemoryUserStore implements UserStore {
  readonly #byId = new Map<string, User>();

  async create(input: NewUser): Promise<User> {
    for (const user of this.#byId.values()) {
      if (user.username === input.username) throw new DuplicateUsernameError(input.username);
    }
    const user: User = { ...input, id: randomUUID(), disabledAt: null };
    this.#byId.set(user.id, user);
    return user;
  }

  async findById(id: string): Promise<User | null> {
    return this.#byId.get(id) ?? null;
  }

  async findByUsername(username: string): Promise<User | null> {
    for (const user of this.#byId.values()) if (user.username === username) return user;
    return null;
  }

  async list(): Promise<User[]> {
    return [...this.#byId.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async update(id: string, patch: UserPatch): Promise<User | null> {
    const user = this.#byId.get(id);
    if (!user) return null;
    const updated: User = { ...user, ...definedOnly(patch) };
    this.#byId.set(id, updated);
    return updated;
  }

  async delete(id: string): Promise<boolean> {
    return this.#byId.delete(id);
  }
}

export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
