import { attemptLimiterContract, tokenCacheContract } from '@sentinel/core/testing';
import { RedisAttemptLimiter, type RedisConnection, RedisTokenCache } from '../../src/index.js';
import { deletePrefix, randomPrefix, scanKeys } from './keys.js';

/**
 * Runs the core's TokenCache (plain and legacy mode) and AttemptLimiter contracts against Redis.
 * Every setup gets its own client and a random key prefix; its teardown deletes what it wrote
 * (legacy raw keys included, found through their mapping keys) and quits the client.
 */
export function redisContracts(label: string, connect: () => Promise<RedisConnection>): void {
  const isolated = async <T>(
    kind: string,
    make: (client: RedisConnection, prefix: string) => T,
  ) => {
    const client = await connect();
    const prefix = randomPrefix(kind);
    const teardown = async () => {
      try {
        await deleteLegacyRawKeys(client, prefix);
        await deletePrefix(client, prefix);
      } finally {
        await client.quit();
      }
    };
    return { store: make(client, prefix), teardown };
  };

  tokenCacheContract(`RedisTokenCache, ${label}`, () =>
    isolated('cache', (client, keyPrefix) => new RedisTokenCache(client, { keyPrefix })),
  );
  tokenCacheContract(`RedisTokenCache with legacyRawTokenKeys, ${label}`, () =>
    isolated(
      'legacy',
      (client, keyPrefix) => new RedisTokenCache(client, { keyPrefix, legacyRawTokenKeys: true }),
    ),
  );
  attemptLimiterContract(`RedisAttemptLimiter, ${label}`, () =>
    isolated('limit', (client, keyPrefix) => new RedisAttemptLimiter(client, { keyPrefix })),
  );
}

/** Raw-token keys have no prefix: find them through the `<prefix>legacy:<digest>` mappings. */
export async function deleteLegacyRawKeys(client: RedisConnection, prefix: string) {
  const mappings = await scanKeys(client, `${prefix}legacy:*`);
  await Promise.all(
    mappings.map(async (mapping) => {
      const raw = await client.get(mapping);
      if (raw !== null) await client.unlink(raw);
    }),
  );
}
