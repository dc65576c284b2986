import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
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

const run = promisify(execFile);

export interface TestCluster {
  readonly nodes: { host: string; port: number }[];
  stop(): Promise<void>;
}

/**
 * Starts a 3-master Redis Cluster without replicas on free loopback ports (data and bus ports
 * both chosen, since port + 10000 may not be free or even valid), each node in its own temp dir,
 * and waits until every node reports cluster_state:ok.
 */
export async function startCluster(): Promise<TestCluster> {
  const servers: OwnedProcess[] = [];
  const dirs: string[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await Promise.all(dirs.map(removeDir));
  };
  try {
    const ports = await freePorts(6);
    for (let i = 0; i < 3; i++) {
      const port = ports[2 * i] ?? 0;
      const busPort = ports[2 * i + 1] ?? 0;
      const dir = await makeTempDir('redis-cluster');
      dirs.push(dir);
      const args = redisServerArgs(port, dir, [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
        '--cluster-port',
        String(busPort),
        '--cluster-node-timeout',
        '5000',
      ]);
      servers.push(redisProcess('redis-server', port, args));
    }
    await Promise.all(servers.map((server) => server.start()));
    const addresses = servers.map((server) => `${HOST}:${server.port}`);
    await run('redis-cli', [
      '--cluster',
      'create',
      ...addresses,
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await waitFor('cluster_state:ok on every node', async () => {
      const states = await Promise.all(servers.map((server) => clusterState(server.port)));
      return states.every((state) => state === 'ok');
    });
    return { nodes: servers.map((server) => ({ host: HOST, port: server.port })), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function clusterState(port: number): Promise<string | undefined> {
  return /cluster_state:(\w+)/.exec(await redisCli(port, 'cluster', 'info'))?.[1];
}
