import { silentLogger } from '@sentinel/core';
import { createRedisClient, waitUntilReady } from '../src/index.js';
import { describeRedis } from './redis-gate.js';
import { redisContracts } from './support/contracts.js';

describeRedis('Redis standalone (REDIS_URL)', (url) => {
  redisContracts('standalone', async () => {
    const client = createRedisClient(url, { logger: silentLogger });
    await waitUntilReady(client);
    return client;
  });
});
