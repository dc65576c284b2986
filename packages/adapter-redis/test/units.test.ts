import { StoreUnavailableError, silentLogger } from '@sentinel/core';
import { describe, expect, it } from 'vitest';
import { decodeValue, encodeToken } from '../src/cache-value.js';
import { redisFailure } from '../src/errors.js';
import {
  createRedisClient,
  createRedisCluster,
  RedisCommandError,
  reconnectDelay,
} from '../src/index.js';
import { userToken } from './support/fixtures.js';

// Unit tests that need no Redis: the clients use lazyConnect and never connect.

describe('createRedisClient and createRedisCluster', () => {
  it('apply the bounded defaults, which options override', () => {
    const client = createRedisClient('redis://127.0.0.1:1/3', {
      lazyConnect: true,
      logger: silentLogger,
    });
    expect(client.options).toMatchObject({
      host: '127.0.0.1',
      port: 1,
      db: 3,
      commandTimeout: 500,
      connectTimeout: 1000,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    const tuned = createRedisClient({
      lazyConnect: true,
      commandTimeout: 250,
      logger: silentLogger,
    });
    expect(tuned.options.commandTimeout).toBe(250);
    const sentinel = createRedisClient({
      lazyConnect: true,
      sentinels: [{ host: '127.0.0.1', port: 1 }],
      name: 'mymaster',
      logger: silentLogger,
    });
    expect(sentinel.options).toMatchObject({ name: 'mymaster', sentinelCommandTimeout: 500 });
    for (const c of [client, tuned, sentinel]) c.disconnect();
  });

  it('give cluster nodes the timeouts too', () => {
    const cluster = createRedisCluster([{ host: '127.0.0.1', port: 1 }], {
      lazyConnect: true,
      logger: silentLogger,
    });
    expect(cluster.options).toMatchObject({ enableOfflineQueue: false, slotsRefreshTimeout: 1000 });
    expect(cluster.options.redisOptions).toMatchObject({
      commandTimeout: 500,
      connectTimeout: 1000,
    });
    cluster.disconnect();
  });

  it('reconnect with a backoff capped at 2 s, and never give up', () => {
    expect([1, 2, 3, 4, 5, 6, 50, 5000].map(reconnectDelay)).toEqual([
      100, 200, 400, 800, 1600, 2000, 2000, 2000,
    ]);
  });
});

describe('redisFailure', () => {
  const replyError = (message: string) => Object.assign(new Error(message), { name: 'ReplyError' });

  it('calls outages unavailable, and drops the ioredis error with its command arguments', () => {
    const leaky = Object.assign(new Error('Command timed out'), {
      command: { name: 'set', args: ['raw-token-value', 'user'] },
    });
    for (const error of [leaky, replyError('CLUSTERDOWN The cluster is down'), 'odd']) {
      const failure = redisFailure('cache get', error);
      expect(failure).toBeInstanceOf(StoreUnavailableError);
      expect(failure.cause).toBeUndefined();
      expect(JSON.stringify(failure)).not.toContain('raw-token-value');
    }
  });

  it('calls other replies command errors', () => {
    const failure = redisFailure('cache get', replyError('WRONGTYPE Operation against a key'));
    expect(failure).toBeInstanceOf(RedisCommandError);
    expect(failure.message).toContain('WRONGTYPE');
  });
});

describe('cache values', () => {
  it('round-trip, and anything else decodes as malformed', () => {
    expect(decodeValue(encodeToken(userToken))).toEqual({ status: 'hit', token: userToken });
    expect(decodeValue(null)).toEqual({ status: 'miss' });
    expect(decodeValue('r')).toEqual({ status: 'revoked' });
    for (const value of ['', 'R', 'null', '{', '{"u":"1","n":null,"c":"c","s":"read","e":1}']) {
      expect(decodeValue(value)).toEqual({ status: 'malformed' });
    }
  });
});
