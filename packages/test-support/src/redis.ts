import { execFile } from 'node:child_process';
import { createConnection } from 'node:net';
import { promisify } from 'node:util';
import { OwnedProcess } from './owned-process.js';
import { freePort, HOST } from './ports.js';
import { PrivateServer } from './private-server.js';
import { makeTempDir, removeDir } from './temp-dir.js';

const run = promisify(execFile);

/**
 * Arguments every test redis-server gets: loopback only, its own directory, in the foreground,
 * logging to stdout, and no persistence unless `extra` turns it on (later arguments win).
 */
export function redisServerArgs(
  port: number,
  dir: string,
  extra: readonly string[] = [],
): string[] {
  return [
    ...['--port', String(port), '--bind', HOST, '--dir', dir],
    ...['--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', ''],
    ...extra,
  ];
}

/** Sends one inline command over a fresh socket; resolves with the raw reply, or '' on failure. */
export function rawRedisCommand(port: number, command: string, timeoutMs = 500): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    let reply = '';
    const done = () => {
      socket.destroy();
      resolve(reply);
    };
    socket.setTimeout(timeoutMs, done);
    socket.once('error', done);
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.endsWith('\r\n')) done();
    });
  });
}

/** Runs redis-cli against a loopback port and resolves with its output. */
export async function redisCli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', HOST, '-p', String(port), ...args]);
  return stdout;
}

/**
 * A redis-server or redis-sentinel process, ready once it answers PING with PONG (a server
 * still loading its data answers `-LOADING` instead).
 */
export function redisProcess(
  command: 'redis-server' | 'redis-sentinel',
  port: number,
  args: readonly string[],
): OwnedProcess {
  return new OwnedProcess({
    command,
    port,
    args,
    ready: async () => (await rawRedisCommand(port, 'PING')).startsWith('+PONG'),
  });
}

export interface PrivateRedisOptions {
  /**
   * Keep the data across a stop and a start, in an append-only file written with fsync on every
   * write, as a production server would. Default false: a restart starts empty.
   */
  readonly persistent?: boolean;
  /** More redis-server arguments. */
  readonly args?: readonly string[];
}

/**
 * A redis-server of the test's own, on a free loopback port and in its own temp directory, that
 * it may stop, kill, pause and start again on the same port (and, if persistent, the same data)
 * without disturbing any other suite. Call `dispose` when done.
 */
export class PrivateRedis extends PrivateServer {
  private constructor(
    readonly dir: string,
    process: OwnedProcess,
  ) {
    super(process);
  }

  /** Picks a port and a directory, and starts the server. */
  static async start(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
    const dir = await makeTempDir('redis');
    try {
      const port = await freePort();
      const persistence = options.persistent
        ? ['--appendonly', 'yes', '--appendfsync', 'always']
        : [];
      const args = redisServerArgs(port, dir, [...persistence, ...(options.args ?? [])]);
      const redis = new PrivateRedis(dir, redisProcess('redis-server', port, args));
      await redis.process.start();
      return redis;
    } catch (error) {
      await removeDir(dir);
      throw error;
    }
  }

  get url(): string {
    return `redis://${HOST}:${this.port}`;
  }

  /** Runs redis-cli against this server. */
  cli(...args: string[]): Promise<string> {
    return redisCli(this.port, ...args);
  }

  /** Stops the server and removes its directory. */
  async dispose(): Promise<void> {
    await this.process.stop();
    await removeDir(this.dir);
  }
}
