import { describeWithServers } from '@sentinel/core/testing';

/**
 * The one switch for every Redis suite in this package: core's `describeWithServers` on
 * `REDIS_URL`, which names a running standalone Redis (suites that start their own servers also
 * need redis-server, redis-cli and redis-sentinel on the PATH). Without it the suites are skipped
 * loudly on a developer's machine, and fail under CI, where skipping would hide that nothing was
 * tested.
 */
export function describeRedis(name: string, body: (url: string) => void): void {
  describeWithServers(name, ['REDIS_URL'], ({ REDIS_URL }) => body(REDIS_URL));
}
