import { afterEach } from 'vitest';
import { type Stack, type StackOptions, startStack, uniqueName } from './real-stack.js';

/** What `describeWithServers(name, ['REDIS_URL', 'MONGO_URL'], …)` hands its body. */
export interface SharedServers {
  readonly REDIS_URL: string;
  readonly MONGO_URL: string;
}

/**
 * Sentinel processes on the shared servers of `REDIS_URL` and `MONGO_URL`, for suites that do
 * not stop them. Each test gets its own database and Redis key prefix (unless it passes the same
 * ones to several processes), which are dropped and deleted after it.
 */
export function useSharedStacks(servers: SharedServers) {
  const open: Stack[] = [];
  afterEach(async () => {
    for (const stack of open.splice(0)) {
      try {
        await stack.db.dropDatabase();
        await deleteKeys(stack);
      } finally {
        await stack.close();
      }
    }
  });

  return async (options: Partial<StackOptions> = {}): Promise<Stack> => {
    const stack = await startStack({
      mongoUrl: servers.MONGO_URL,
      redisUrl: servers.REDIS_URL,
      dbName: uniqueName('sentinel_e2e'),
      redisPrefix: `test:${uniqueName('e2e')}:`,
      ...options,
    });
    open.push(stack);
    return stack;
  };
}

/** Deletes every key under the stack's Redis prefix. */
async function deleteKeys(stack: Stack): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await stack.redis.scan(cursor, 'MATCH', `${stack.redisPrefix}*`);
    if (keys.length > 0) await stack.redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
