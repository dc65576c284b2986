import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { OwnedProcess } from './owned-process.js';
import { freePort, HOST } from './ports.js';
import { PrivateServer } from './private-server.js';
import { makeTempDir, removeDir } from './temp-dir.js';

/**
 * The FerretDB binary: `FERRETDB_BIN` when set, else `$(go env GOPATH)/bin/ferretdb`, where
 * `scripts/services.sh` builds it; undefined when neither exists.
 */
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

/**
 * A FerretDB (SQLite backend) of the test's own on a free loopback port, with its data and state
 * in temp directories, that it may stop, pause and start again on the same port and data to play
 * a database outage without disturbing any other suite. Call `dispose` when done.
 */
export class PrivateFerretDb extends PrivateServer {
  private constructor(
    readonly dataDir: string,
    readonly stateDir: string,
    process: OwnedProcess,
  ) {
    super(process);
  }

  /**
   * Picks a port and directories, and starts the server. `binary` defaults to `findFerretDb()`;
   * rejects, saying where it looked, when there is none.
   */
  static async start(binary = findFerretDb()): Promise<PrivateFerretDb> {
    if (binary === undefined) {
      throw new Error(
        'no FerretDB binary: set FERRETDB_BIN, or build it with `scripts/services.sh start`',
      );
    }
    const dataDir = await makeTempDir('ferretdb-data');
    const stateDir = await makeTempDir('ferretdb-state');
    try {
      const port = await freePort();
      const args = [
        '--handler=sqlite',
        `--sqlite-url=file:${dataDir}/`,
        `--state-dir=${stateDir}`,
        '--telemetry=disable',
        `--listen-addr=${HOST}:${port}`,
        '--log-level=warn',
        // Its metrics listener defaults to 127.0.0.1:8088, which another FerretDB may hold.
        '--debug-addr=-',
      ];
      const server = new PrivateFerretDb(
        dataDir,
        stateDir,
        new OwnedProcess({ command: binary, port, args }),
      );
      await server.process.start();
      return server;
    } catch (error) {
      await Promise.all([removeDir(dataDir), removeDir(stateDir)]);
      throw error;
    }
  }

  get url(): string {
    return `mongodb://${HOST}:${this.port}/`;
  }

  /** Stops the server and removes its files. */
  async dispose(): Promise<void> {
    await this.process.stop();
    await Promise.all([removeDir(this.dataDir), removeDir(this.stateDir)]);
  }
}
