import { describe, expect, it } from 'vitest';
import { DuplicateUsernameError, type UserStore } from '../../ports/user-store.js';
import type { ContractSetup } from './setup.js';

const HASH = '$2b$04$abcdefghijklmnopqrstuuJmZ8b9GvQ2Oc8cIC7GD4UfZ5MFeXXm.';

/** The `UserStore` contract (see its JSDoc). Each test gets a fresh, empty store. */
export function userStoreContract(name: string, setup: ContractSetup<UserStore>): void {
  describe(`UserStore contract: ${name}`, () => {
    const withStore = async (fn: (store: UserStore) => Promise<void>) => {
      const { store, teardown } = await setup();
      try {
        await fn(store);
      } finally {
        await teardown?.();
      }
    };
    const newUser = (username: string, at = Date.UTC(2030, 0, 1)) => ({
      username,
      passwordHash: HASH,
      createdAt: new Date(at),
    });

    it('create assigns an id and stores every field', () =>
      withStore(async (store) => {
        const created = await store.create(newUser('alice'));
        expect(created.id).toEqual(expect.any(String));
        expect(created).toMatchObject({ username: 'alice', passwordHash: HASH, disabledAt: null });
        expect(created.createdAt.getTime()).toBe(Date.UTC(2030, 0, 1));
        expect(await store.findById(created.id)).toEqual(created);
        expect(await store.findByUsername('alice')).toEqual(created);
      }));

    it('lookups of unknown ids and usernames return null', () =>
      withStore(async (store) => {
        expect(await store.findByUsername('nobody')).toBeNull();
        const created = await store.create(newUser('bob'));
        await store.delete(created.id);
        expect(await store.findById(created.id)).toBeNull();
        expect(await store.findById('not-an-id')).toBeNull();
      }));

    it('usernames are unique and compared exactly', () =>
      withStore(async (store) => {
        await store.create(newUser('carol'));
        await expect(store.create(newUser('carol'))).rejects.toBeInstanceOf(DuplicateUsernameError);
        const other = await store.create(newUser('Carol'));
        expect(other.username).toBe('Carol');
      }));

    it('of 20 concurrent creations of one username exactly one succeeds', () =>
      withStore(async (store) => {
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, () => store.create(newUser('dave'))),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        for (const r of lost) expect(r.reason).toBeInstanceOf(DuplicateUsernameError);
        expect((await store.list()).filter((u) => u.username === 'dave')).toHaveLength(1);
      }));

    it('update changes only the given fields', () =>
      withStore(async (store) => {
        const user = await store.create(newUser('erin'));
        const disabledAt = new Date(Date.UTC(2030, 1, 1));
        const disabled = await store.update(user.id, { disabledAt });
        expect(disabled).toMatchObject({ username: 'erin', passwordHash: HASH });
        expect(disabled?.disabledAt?.getTime()).toBe(disabledAt.getTime());
        const rehashed = await store.update(user.id, { passwordHash: `${HASH.slice(0, -1)}x` });
        expect(rehashed?.passwordHash).toBe(`${HASH.slice(0, -1)}x`);
        expect(rehashed?.disabledAt?.getTime()).toBe(disabledAt.getTime());
        const enabled = await store.update(user.id, { disabledAt: null });
        expect(enabled?.disabledAt).toBeNull();
        expect(await store.findById(user.id)).toEqual(enabled);
      }));

    it('update and delete of an unknown user say so', () =>
      withStore(async (store) => {
        const user = await store.create(newUser('frank'));
        expect(await store.delete(user.id)).toBe(true);
        expect(await store.delete(user.id)).toBe(false);
        expect(await store.update(user.id, { disabledAt: null })).toBeNull();
      }));

    it('list returns every user, oldest first', () =>
      withStore(async (store) => {
        await store.create(newUser('second', Date.UTC(2030, 0, 2)));
        await store.create(newUser('first', Date.UTC(2030, 0, 1)));
        await store.create(newUser('third', Date.UTC(2030, 0, 3)));
        expect((await store.list()).map((u) => u.username)).toEqual(['first', 'second', 'third']);
      }));
  });
}
