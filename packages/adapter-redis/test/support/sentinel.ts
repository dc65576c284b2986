import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  freePorts,
  HOST,
  makeTempDir,
  type OwnedProcess,
  redisCli,
  redisProcess,
  redisServerArgs,
  removeDir,
  waitFor,
} from '@sentinel/test-support';

export const MASTER_NAME = 'mymaster';

export interface TestSentinelGroup {
  readonly master: OwnedProcess;
  readonly replica: OwnedProcess;
  readonly sentinel: OwnedProcess;
  /** The port the sentinel currently names as the master's. */
  masterPort(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts a master, one replica and one sentinel (quorum 1, down after 1 s, failover timeout
 * 3 s) on free loopback ports, and waits until the replica is in sync and the sentinel knows it.
 */
export async function startSentinelGroup(): Promise<TestSentinelGroup> {
  const [masterPort = 0, replicaPort = 0, sentinelPort = 0] = await freePorts(3);
  const dirs = await Promise.all(['master', 'replica', 'sentinel'].map(makeTempDir));
  const [masterDir = '', replicaDir = '', sentinelDir = ''] = dirs;
  // Without the delay a diskless full sync waits 5 s for more replicas to join.
  const master = redisProcess(
    'redis-server',
    masterPort,
    redisServerArgs(masterPort, masterDir, ['--repl-diskless-sync-delay', '0']),
  );
  const replica = redisProcess(
    'redis-server',
    replicaPort,
    redisServerArgs(replicaPort, replicaDir, ['--replicaof', HOST, String(masterPort)]),
  );
  const config = join(sentinelDir, 'sentinel.conf');
  await writeFile(
    config,
    [
      `port ${sentinelPort}`,
      `bind ${HOST}`,
      'daemonize no',
      `dir ${sentinelDir}`,
      `sentinel monitor ${MASTER_NAME} ${HOST} ${masterPort} 1`,
      `sentinel down-after-milliseconds ${MASTER_NAME} 1000`,
      `sentinel failover-timeout ${MASTER_NAME} 3000`,
      '',
    ].join('\n'),
  );
  const sentinel = redisProcess('redis-sentinel', sentinelPort, [config]);
  const servers = [master, replica, sentinel];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await Promise.all(dirs.map(removeDir));
  };
  const masterAddress = async () => {
    const reply = await redisCli(sentinelPort, 'sentinel', 'get-master-addr-by-name', MASTER_NAME);
    return Number(reply.trim().split('\n')[1]);
  };
  try {
    await master.start();
    await replica.start();
    await waitFor('the replica to sync', async () =>
      (await redisCli(replicaPort, 'info', 'replication')).includes('master_link_status:up'),
    );
    await sentinel.start();
    await waitFor('the sentinel to see the replica', async () => {
      const replicas = await redisCli(sentinelPort, 'sentinel', 'replicas', MASTER_NAME);
      return replicas.includes(String(replicaPort)) && /master-link-status\nok/.test(replicas);
    });
    return { master, replica, sentinel, masterPort: masterAddress, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
