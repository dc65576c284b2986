import { availableParallelism } from 'node:os';
import bcrypt from 'bcryptjs';
import { Piscina } from 'piscina';
import type { PasswordHasher } from '../ports/password-hasher.js';

/** `$2a$`, `$2b$` or `$2y$`, a two-digit cost, then 53 characters of bcrypt's base64. */
const BCRYPT_HASH = /^\$2[aby]\$(\d{2})\$[./A-Za-z0-9]{53}$/;

export interface BcryptHasherOptions {
  /** bcrypt cost factor (log2 rounds), 4 to 31. */
  cost: number;
  /** Worker threads in the pool; defaults to the number of cores. */
  poolSize?: number;
  /**
   * Nice value (0 to 19) of the hashing threads, on Linux: how far below the event loop they
   * run. 19 by default, so that logins, which hash for a quarter of a second each, cannot take
   * the CPU from the thread answering token verifications: the threads still get every cycle
   * the event loop leaves. On a host shared with other busy processes they get little of the
   * CPU those processes want too; lower it there. 0 keeps the process's priority. Ignored on
   * other systems.
   */
  threadNice?: number;
}

/** Default `threadNice`: see docs/benchmarks.md for the figures behind it. */
export const DEFAULT_HASH_THREAD_NICE = 19;

/** bcrypt cost of a hash, or null when it is not a bcrypt hash. */
export function bcryptCost(hash: string): number | null {
  const match = BCRYPT_HASH.exec(hash);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * bcryptjs on a worker_threads pool (piscina), so that a hash, which takes a quarter of a second
 * at cost 12, never blocks the event loop. Call `close()` at shutdown.
 */
export class BcryptHasher implements PasswordHasher {
  readonly cost: number;
  readonly #pool: Piscina;

  constructor(options: BcryptHasherOptions) {
    this.cost = options.cost;
    const size = options.poolSize ?? availableParallelism();
    const nice = options.threadNice ?? DEFAULT_HASH_THREAD_NICE;
    if (!Number.isInteger(nice) || nice < 0 || nice > 19) {
      throw new RangeError(`threadNice must be an integer from 0 to 19, not ${nice}`);
    }
    this.#pool = new Piscina({
      filename: new URL('./bcrypt-worker.js', import.meta.url).href,
      minThreads: size,
      maxThreads: size,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: { nice },
    });
  }

  async hash(password: string): Promise<string> {
    return (await this.#pool.run({ op: 'hash', password, cost: this.cost })) as string;
  }

  async verify(password: string, hash: string): Promise<boolean> {
    if (bcryptCost(hash) === null) return false;
    return (await this.#pool.run({ op: 'verify', password, hash })) as boolean;
  }

  needsRehash(hash: string): boolean {
    const cost = bcryptCost(hash);
    return cost !== null && cost < this.cost;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

/**
 * bcryptjs on the calling thread, for tests and scripts where blocking does not matter. Keeps the
 * same contract as `BcryptHasher`, so the contract suite runs against both.
 */
export class InlineBcryptHasher implements PasswordHasher {
  constructor(readonly cost: number) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  async verify(password: string, hash: string): Promise<boolean> {
    if (bcryptCost(hash) === null) return false;
    return bcrypt.compare(password, hash);
  }

  needsRehash(hash: string): boolean {
    const cost = bcryptCost(hash);
    return cost !== null && cost < this.cost;
  }
}
