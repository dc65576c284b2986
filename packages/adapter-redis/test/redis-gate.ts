import { describe, it } from 'vitest';

/**
 * The one switch for every Redis suite in this package: they run when `REDIS_URL` names a
 * running standalone Redis (suites that start their own servers also need redis-server,
 * redis-cli and redis-sentinel on the PATH). Without it they are skipped loudly on a developer's
 * machine, and fail under CI, where skipping would hide that nothing was tested.
 */
export const redisUrl = process.env.REDIS_URL;

export function describeRedis(name: string, body: (url: string) => void): void {
  if (redisUrl) {
    describe(name, () => body(redisUrl));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs REDIS_URL', () => {
        throw new Error(
          'REDIS_URL is required under CI: start Redis (scripts/services.sh start) and export it',
        );
      });
    });
    return;
  }
  console.warn(
    `\n!!! SKIPPED "${name}": REDIS_URL is not set, so no Redis test ran. ` +
      'Run `scripts/services.sh start` and set REDIS_URL=redis://127.0.0.1:6390 to run them.\n',
  );
  describe.skip(name, () => body(''));
}
