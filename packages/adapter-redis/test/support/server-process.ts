import { type ChildProcess, spawn } from 'node:child_process';
import { waitFor } from './helpers.js';
import { HOST, rawCommand } from './net.js';

/** Children still running, killed by PID if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * One redis-server or redis-sentinel process that this test started, known by its PID. It is
 * only ever stopped through that PID. Its output is kept (the last 8 KB) for failure messages.
 */
export class ServerProcess {
  #child: ChildProcess | null = null;
  #output = '';

  constructor(
    readonly binary: 'redis-server' | 'redis-sentinel',
    readonly port: number,
    private readonly args: readonly string[],
  ) {}

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get output(): string {
    return this.#output;
  }

  /** Starts the process and waits until it answers PING. */
  async start(timeoutMs = 10_000): Promise<void> {
    const child = spawn(this.binary, [...this.args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    running.add(child);
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString('utf8')).slice(-8192);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let failure: string | null = null;
    child.once('error', (error) => {
      failure = `${this.binary} could not start: ${error.message}`;
    });
    child.once('exit', (code, signal) => {
      failure ??= `${this.binary} exited (${code ?? signal})`;
      running.delete(child);
      if (this.#child === child) this.#child = null;
    });
    try {
      await waitFor(
        `${this.binary} on port ${this.port}`,
        async () => failure !== null || (await rawCommand(this.port, 'PING')).startsWith('+PONG'),
        timeoutMs,
      );
      if (failure !== null) throw new Error(failure);
    } catch (error) {
      await this.stop();
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${this.#output}`);
    }
  }

  /** SIGTERM, then SIGKILL if it has not exited within 5 s; resolves once it has exited. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  /** SIGKILL: the process dies at once, as in a crash. Resolves once it has exited. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGSTOP / SIGCONT: the process keeps its sockets open but stops answering. */
  pause(): void {
    this.#child?.kill('SIGSTOP');
  }

  resume(): void {
    this.#child?.kill('SIGCONT');
  }
}

/** Arguments every test redis-server gets: loopback only, no persistence unless asked. */
export function serverArgs(port: number, dir: string, extra: readonly string[] = []): string[] {
  return [
    '--port',
    String(port),
    '--bind',
    HOST,
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'no',
    '--logfile',
    '',
    ...extra,
  ];
}
