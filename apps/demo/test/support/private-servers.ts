import { PrivateFerretDb, PrivateRedis } from '@sentinel/test-support';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Stack, type StackOptions, startStack, uniqueName } from './real-stack.js';

export interface PrivateServers {
  /** Persistent: a restart brings back what it held, as a production Redis would. */
  readonly redis: PrivateRedis;
  readonly ferret: PrivateFerretDb;
  /**
   * A Sentinel process over the private servers, closed after the test. Processes given the
   * same `dbName` share their data (and, by default, the cache), as processes of one deployment.
   */
  stack(options?: Partial<StackOptions>): Promise<Stack>;
}

/**
 * For a suite that stops servers: a redis-server and a FerretDB of its own, started before its
 * tests and removed after them, so that the shared servers other suites use are never disturbed.
 * After each test both are running again (resumed, or restarted on the same port and data), in
 * case the test failed while one was down.
 */
export function usePrivateServers(): PrivateServers {
  let redis: PrivateRedis | undefined;
  let ferret: PrivateFerretDb | undefined;
  const open: Stack[] = [];
  const started = () => {
    if (redis === undefined || ferret === undefined) throw new Error('private servers not started');
    return { redis, ferret };
  };

  beforeAll(async () => {
    [redis, ferret] = await Promise.all([
      PrivateRedis.start({ persistent: true }),
      PrivateFerretDb.start(),
    ]);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((stack) => stack.close()));
    const servers = started();
    servers.redis.resume();
    servers.ferret.resume();
    if (!servers.redis.process.running) await servers.redis.start();
    if (!servers.ferret.process.running) await servers.ferret.start();
  });
  afterAll(async () => {
    await Promise.all([redis?.dispose(), ferret?.dispose()]);
  });

  return {
    get redis() {
      return started().redis;
    },
    get ferret() {
      return started().ferret;
    },
    async stack(options = {}) {
      const servers = started();
      const stack = await startStack({
        mongoUrl: servers.ferret.url,
        redisUrl: servers.redis.url,
        dbName: uniqueName('faults'),
        ...options,
      });
      open.push(stack);
      return stack;
    },
  };
}
