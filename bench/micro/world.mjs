import { createRedisClient, RedisAttemptLimiter, RedisTokenCache } from '@sentinel/adapter-redis';
import { createSentinel, InlineBcryptHasher, silentLogger } from '@sentinel/core';
import { MemoryClientStore, MemoryTokenStore, MemoryUserStore } from '@sentinel/core/testing';

/**
 * A Sentinel in this process, as the demo composes it (memory stores, the cache and the limiter
 * in Redis at `redisUrl`), with one user, one public client and one access token from a real
 * password grant. For the micro-benchmarks, which measure pieces of the demo in one process.
 *
 * @param {string} redisUrl
 */
export async function sentinelWithToken(redisUrl) {
  const redis = createRedisClient(redisUrl);
  const core = createSentinel({
    users: new MemoryUserStore(),
    clients: new MemoryClientStore(),
    tokens: new MemoryTokenStore(),
    cache: new RedisTokenCache(redis),
    limiter: new RedisAttemptLimiter(redis),
    hasher: new InlineBcryptHasher(4),
    logger: silentLogger,
    config: { bcryptCost: 4 },
  });
  const password = 'micro-benchmark password';
  const username = `micro-${Date.now().toString(36)}`;
  await core.users.create({ username, password });
  const { client } = await core.clients.create({ type: 'public', name: 'micro' });
  const answer = await core.handle(
    new Request('http://127.0.0.1/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        username,
        password,
        client_id: client.clientId,
      }),
    }),
    { clientIp: '127.0.0.1' },
  );
  const body = /** @type {{ access_token?: string }} */ (await answer?.json());
  if (body.access_token === undefined) throw new Error(`no token: ${JSON.stringify(body)}`);
  return { core, redis, accessToken: body.access_token };
}
