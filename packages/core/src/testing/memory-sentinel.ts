import type { SentinelConfigInput } from '../config.js';
import { InlineBcryptHasher } from '../crypto/bcrypt-hasher.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import { createSentinel, type Sentinel } from '../sentinel.js';
import { FakeClock } from './fake-clock.js';
import { MemoryAttemptLimiter } from './memory/attempt-limiter.js';
import { MemoryClientStore } from './memory/client-store.js';
import { MemoryTokenCache } from './memory/token-cache.js';
import { MemoryTokenStore } from './memory/token-store.js';
import { MemoryUserStore } from './memory/user-store.js';

export interface MemorySentinel {
  readonly sentinel: Sentinel;
  readonly users: MemoryUserStore;
  readonly clients: MemoryClientStore;
  readonly tokens: MemoryTokenStore;
  readonly cache: MemoryTokenCache;
  readonly limiter: MemoryAttemptLimiter;
  readonly clock: FakeClock;
}

/**
 * A Sentinel on in-memory ports, a fake clock and bcrypt at cost 4 on the calling thread: what
 * you need to unit-test code around Sentinel, fast and deterministic.
 */
export function createMemorySentinel(
  options: { config?: SentinelConfigInput; logger?: Logger; cache?: boolean } = {},
): MemorySentinel {
  const clock = new FakeClock();
  const users = new MemoryUserStore();
  const clients = new MemoryClientStore();
  const tokens = new MemoryTokenStore();
  const cache = new MemoryTokenCache(clock);
  const limiter = new MemoryAttemptLimiter(clock);
  const sentinel = createSentinel({
    users,
    clients,
    tokens,
    ...(options.cache === false ? {} : { cache }),
    limiter,
    clock,
    hasher: new InlineBcryptHasher(4),
    logger: options.logger ?? silentLogger,
    config: {
      bcryptCost: 4,
      cacheGenerationRefreshMs: 0,
      management: { username: 'admin', password: 'admin-password' },
      ...options.config,
    },
  });
  return { sentinel, users, clients, tokens, cache, limiter, clock };
}
