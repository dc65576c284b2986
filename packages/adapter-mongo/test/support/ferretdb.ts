import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The FerretDB binary: `FERRETDB_BIN`, else the one `scripts/services.sh` builds into GOPATH/bin. */
export function findFerretDb(): string | undefined {
  if (process.env.FERRETDB_BIN) return process.env.FERRETDB_BIN;
  let gopath = join(homedir(), 'go');
  try {
    gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim() || gopath;
  } catch {
    // No Go toolchain: keep the default GOPATH.
  }
  const candidate = join(gopath, 'bin', 'ferretdb');
  return existsSync(candidate) ? candidate : undefined;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A FerretDB (SQLite backend) of the test's own on 127.0.0.1, that it can stop and start again
 * on the same port and data, to play a database outage. Only the process it spawned is signalled.
 */
export class PrivateFerretDb {
  #process: ChildProcess | undefined;

  private constructor(
    private readonly binary: string,
    readonly port: number,
    private readonly dataDir: string,
    private readonly stateDir: string,
  ) {}

  static async create(binary: string): Promise<PrivateFerretDb> {
    const dataDir = await mkdtemp(join(tmpdir(), 'sentinel-ferretdb-data-'));
    const stateDir = await mkdtemp(join(tmpdir(), 'sentinel-ferretdb-state-'));
    return new PrivateFerretDb(binary, await freePort(), dataDir, stateDir);
  }

  get url(): string {
    return `mongodb://127.0.0.1:${this.port}/`;
  }

  /** Starts the server and waits (up to 10 s) until it accepts connections. */
  async start(): Promise<void> {
    const child = spawn(
      this.binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${this.dataDir}/`,
        `--state-dir=${this.stateDir}`,
        '--telemetry=disable',
        `--listen-addr=127.0.0.1:${this.port}`,
        '--log-level=warn',
        // Its metrics listener defaults to 127.0.0.1:8088, which another FerretDB may hold.
        '--debug-addr=-',
      ],
      { stdio: 'ignore' },
    );
    this.#process = child;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`ferretdb exited with ${child.exitCode}`);
      if (await portOpen(this.port)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`ferretdb did not open port ${this.port} within 10 s`);
  }

  /** Stops the server by its PID and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.#process;
    this.#process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  /** Stops the server and removes its files. */
  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.dataDir, { recursive: true, force: true });
    await rm(this.stateDir, { recursive: true, force: true });
  }
}
