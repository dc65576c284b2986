import type { SentinelConfig } from '../config.js';
import type { ClientStore } from '../ports/client-store.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { TokenCache } from '../ports/token-cache.js';
import type { TokenStore } from '../ports/token-store.js';
import type { UserStore } from '../ports/user-store.js';

/** Everything the use cases need, wired once by `createSentinel`. */
export interface Deps {
  readonly config: SentinelConfig;
  readonly users: UserStore;
  readonly clients: ClientStore;
  readonly tokens: TokenStore;
  readonly cache: TokenCache | null;
  readonly hasher: PasswordHasher;
  readonly clock: Clock;
  readonly logger: Logger;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
