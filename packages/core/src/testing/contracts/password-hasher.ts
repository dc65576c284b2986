import { describe, expect, it } from 'vitest';
import type { PasswordHasher } from '../../ports/password-hasher.js';
import type { ContractSetup } from './setup.js';

/** The `PasswordHasher` contract. `lowerCostHash` must be a hash of "hunter22" at a lower cost. */
export function passwordHasherContract(
  name: string,
  setup: ContractSetup<PasswordHasher>,
  lowerCostHash: string,
): void {
  describe(`PasswordHasher contract: ${name}`, () => {
    const withHasher = async (fn: (hasher: PasswordHasher) => Promise<void>) => {
      const { store, teardown } = await setup();
      try {
        await fn(store);
      } finally {
        await teardown?.();
      }
    };

    it('verify accepts the password and nothing else', () =>
      withHasher(async (hasher) => {
        const hash = await hasher.hash('correct horse');
        expect(hash).not.toContain('correct horse');
        expect(await hasher.verify('correct horse', hash)).toBe(true);
        expect(await hasher.verify('correct horsf', hash)).toBe(false);
        expect(await hasher.verify('', hash)).toBe(false);
        expect(hasher.needsRehash(hash)).toBe(false);
      }));

    it('verify is false for a malformed hash, never an exception', () =>
      withHasher(async (hasher) => {
        expect(await hasher.verify('x', 'not a hash')).toBe(false);
        expect(await hasher.verify('x', '')).toBe(false);
        expect(await hasher.verify('x', '$2b$12$short')).toBe(false);
      }));

    it('accepts existing $2a$, $2b$ and $2y$ hashes and flags cheaper ones for rehash', () =>
      withHasher(async (hasher) => {
        const body = lowerCostHash.slice(4);
        for (const prefix of ['$2a$', '$2b$', '$2y$']) {
          expect(await hasher.verify('hunter22', prefix + body)).toBe(true);
          expect(await hasher.verify('hunter23', prefix + body)).toBe(false);
          expect(hasher.needsRehash(prefix + body)).toBe(true);
        }
      }));
  });
}
