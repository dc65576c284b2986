/**
 * `@sentinel/test-support`: what Sentinel's integration tests share to run servers of their
 * own: free loopback ports, child processes that are only ever signalled by their PID, and a
 * private redis-server and FerretDB that a test may stop, pause and restart at will.
 */

export { findFerretDb, PrivateFerretDb } from './ferretdb.js';
export { OwnedProcess, type OwnedProcessOptions } from './owned-process.js';
export { freePort, freePorts, HOST, isPortOpen, waitForPort } from './ports.js';
export { PrivateServer } from './private-server.js';
export {
  PrivateRedis,
  type PrivateRedisOptions,
  rawRedisCommand,
  redisCli,
  redisProcess,
  redisServerArgs,
} from './redis.js';
export { makeTempDir, removeDir } from './temp-dir.js';
export { waitFor } from './wait.js';
