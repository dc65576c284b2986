import type { SentinelOptions } from '@sentinel/core';
import {
  MemoryAttemptLimiter,
  MemoryClientStore,
  MemoryTokenStore,
  MemoryUserStore,
} from '@sentinel/core/testing';

export interface Stores {
  readonly ports: Pick<SentinelOptions, 'users' | 'clients' | 'tokens' | 'cache' | 'limiter'>;
  /** A line for the start-up banner saying where data lives. */
  readonly description: string;
  close(): Promise<void>;
}

/** In-memory stores: everything is lost when the process stops. */
export async function openStores(): Promise<Stores> {
  return {
    ports: {
      users: new MemoryUserStore(),
      clients: new MemoryClientStore(),
      tokens: new MemoryTokenStore(),
      limiter: new MemoryAttemptLimiter(),
    },
    description: 'in memory (data is lost at exit)',
    close: async () => {},
  };
}
