import { describe, expect, it } from 'vitest';
import type { Client } from '../../domain/client.js';
import { type ClientStore, DuplicateClientError } from '../../ports/client-store.js';
import type { ContractSetup } from './setup.js';

/** The `ClientStore` contract (see its JSDoc). Each test gets a fresh, empty store. */
export function clientStoreContract(name: string, setup: ContractSetup<ClientStore>): void {
  describe(`ClientStore contract: ${name}`, () => {
    const withStore = async (fn: (store: ClientStore) => Promise<void>) => {
      const { store, teardown } = await setup();
      try {
        await fn(store);
      } finally {
        await teardown?.();
      }
    };
    const client = (clientId: string, over: Partial<Client> = {}): Client => ({
      clientId,
      secretDigest: null,
      type: 'public',
      grants: ['password', 'refresh_token'],
      scopes: [],
      name: `app ${clientId}`,
      createdAt: new Date(Date.UTC(2030, 0, 1)),
      ...over,
    });

    it('create stores every field, find returns it', () =>
      withStore(async (store) => {
        const confidential = client('c1', {
          type: 'confidential',
          secretDigest: 'a'.repeat(64),
          grants: ['password'],
          scopes: ['read', 'write'],
        });
        expect(await store.create(confidential)).toEqual(confidential);
        expect(await store.find('c1')).toEqual(confidential);
        expect(await store.find('unknown')).toBeNull();
      }));

    it('client_id is unique', () =>
      withStore(async (store) => {
        await store.create(client('c2'));
        await expect(store.create(client('c2'))).rejects.toBeInstanceOf(DuplicateClientError);
      }));

    it('update changes only the secret digest', () =>
      withStore(async (store) => {
        await store.create(client('c3', { type: 'confidential', secretDigest: 'b'.repeat(64) }));
        const updated = await store.update('c3', { secretDigest: 'c'.repeat(64) });
        expect(updated).toEqual(
          client('c3', { type: 'confidential', secretDigest: 'c'.repeat(64) }),
        );
        expect(await store.find('c3')).toEqual(updated);
        expect(await store.update('unknown', { secretDigest: null })).toBeNull();
      }));

    it('delete says whether a client was removed', () =>
      withStore(async (store) => {
        await store.create(client('c4'));
        expect(await store.delete('c4')).toBe(true);
        expect(await store.delete('c4')).toBe(false);
        expect(await store.find('c4')).toBeNull();
      }));

    it('list returns every client, oldest first', () =>
      withStore(async (store) => {
        await store.create(client('b', { createdAt: new Date(Date.UTC(2030, 0, 2)) }));
        await store.create(client('a', { createdAt: new Date(Date.UTC(2030, 0, 1)) }));
        expect((await store.list()).map((c) => c.clientId)).toEqual(['a', 'b']);
      }));
  });
}
