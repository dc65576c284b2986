/**
 * Hashes and verifies passwords.
 *
 * Contract:
 * - `hash` returns a string that `verify` accepts for the same password and rejects for any other.
 * - `verify` resolves false (never rejects) for a malformed hash.
 * - `needsRehash` says whether a valid hash was made with weaker settings than the current ones,
 *   so the core can upgrade it after a successful login.
 * - Neither blocks the event loop for the duration of a hash.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  needsRehash(hash: string): boolean;
}
