import { describeWithServers } from '@sentinel/core/testing';
import { expect, it } from 'vitest';
import { formatMarkdown, OPERATIONS, runSoak } from '../../../bench/soak/soak.mjs';

/**
 * The CI version of the soak (`bench/soak`, whose 60-second figures are in docs/benchmarks.md):
 * 10 seconds of mixed load, bcrypt cost 4 to keep logins cheap, access tokens that live 3
 * seconds so that some expire during the run, and every other login revoked.
 */
describeWithServers(
  '10 s of mixed load against the demo on MongoDB and Redis (the soak)',
  ['MONGO_URL', 'REDIS_URL'],
  (servers) => {
    it('answers no 5xx, and every verification as the state of its token says', async () => {
      const summary = await runSoak({
        mongoUrl: servers.MONGO_URL,
        redisUrl: servers.REDIS_URL,
        seconds: 10,
        vus: 16,
        cost: 4,
        tokenLifetime: 3,
        revokeEvery: 2,
      });
      const report = [
        formatMarkdown(summary),
        JSON.stringify(summary.failures, null, 2),
        summary.demoLog,
      ].join('\n\n');

      expect(summary.totals.fiveXx, report).toBe(0);
      expect(summary.totals.mismatches, report).toBe(0);
      expect(summary.totals.unexpected, report).toBe(0);
      expect(summary.totals.transportErrors, report).toBe(0);
      expect(summary.ok).toBe(true);

      // Every operation ran, and every kind of verdict was put to the test.
      for (const operation of OPERATIONS) {
        expect(summary.operations[operation].count, `${operation}\n${report}`).toBeGreaterThan(5);
      }
      expect(summary.checks.live, report).toBeGreaterThan(5);
      expect(summary.checks.revoked, report).toBeGreaterThan(5);
      expect(summary.checks.expired, report).toBeGreaterThan(0);
      expect(summary.checks.refusedRefresh, report).toBeGreaterThan(2);
      expect(summary.rssMb.end ?? 1, report).toBeGreaterThan(0);
    }, 90_000);
  },
);
