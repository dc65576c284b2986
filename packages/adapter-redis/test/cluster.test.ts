import { randomBytes } from 'node:crypto';
import { silentLogger } from '@sentinel/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRedisCluster, RedisTokenCache, waitUntilReady } from '../src/index.js';
import { describeRedis } from './redis-gate.js';
import { startCluster, type TestCluster } from './support/cluster.js';
import { redisContracts } from './support/contracts.js';
import { deletePrefix, randomPrefix } from './support/keys.js';

describeRedis('Redis Cluster (3 masters started by the test)', () => {
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  const connect = async () => {
    if (!cluster) throw new Error('the cluster did not start');
    const client = createRedisCluster(cluster.nodes, { logger: silentLogger });
    await waitUntilReady(client, 10_000);
    return client;
  };

  redisContracts('Redis Cluster', connect);

  it('spreads cache entries over every master: no hash tag pins them to one slot', async () => {
    const client = await connect();
    const keyPrefix = randomPrefix('spread');
    try {
      const cache = new RedisTokenCache(client, { keyPrefix });
      const digests = Array.from({ length: 30 }, () => randomBytes(32).toString('hex'));
      await cache.revoke(
        digests.map((digest) => ({ digest, ttlMs: 60_000 })),
        0,
      );
      const perMaster = await Promise.all(
        client.nodes('master').map(async (node) => (await node.keys(`${keyPrefix}*`)).length),
      );
      expect(perMaster).toHaveLength(3);
      expect(perMaster.every((count) => count > 0)).toBe(true);
      expect(perMaster.reduce((a, b) => a + b, 0)).toBe(30);
      for (const digest of digests)
        expect(await cache.get(digest, 0)).toEqual({ status: 'revoked' });
    } finally {
      await deletePrefix(client, keyPrefix);
      await client.quit();
    }
  });
});
