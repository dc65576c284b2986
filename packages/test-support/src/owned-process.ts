import { type ChildProcess, spawn } from 'node:child_process';
import { isPortOpen } from './ports.js';
import { waitFor } from './wait.js';

/** Children still running, killed by their PID if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface OwnedProcessOptions {
  /** The executable, looked up on the PATH unless it is a path. */
  readonly command: string;
  readonly args: readonly string[];
  /** The port it listens on. */
  readonly port: number;
  /**
   * When the process is ready for use. Default: its port accepts connections. A server that
   * opens its port before it can answer (Redis loading its data) needs a stronger check.
   */
  readonly ready?: () => Promise<boolean>;
  /** How long `start` waits for `ready`. Default 10 s. */
  readonly startTimeoutMs?: number;
  /** How long `stop` waits after SIGTERM before it sends SIGKILL. Default 5 s. */
  readonly stopTimeoutMs?: number;
}

/** How many characters of the child's output are kept for error messages. */
const OUTPUT_KEPT = 8192;

/**
 * A server process this test started. It is only ever signalled through the PID of the child
 * it spawned (never by name), and it can be started again after a stop, on the same port with
 * the same arguments. The last 8 KB of its stdout and stderr are kept for failure messages.
 */
export class OwnedProcess {
  readonly command: string;
  readonly port: number;
  readonly #options: OwnedProcessOptions;
  #child: ChildProcess | null = null;
  #output = '';

  constructor(options: OwnedProcessOptions) {
    this.#options = options;
    this.command = options.command;
    this.port = options.port;
  }

  /** The PID of the running child, if any. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get running(): boolean {
    return this.#child !== null;
  }

  /** The end of what the process printed, across restarts. */
  get output(): string {
    return this.#output;
  }

  /** Spawns the process and resolves once it is ready; if it is not, stops it and rejects. */
  async start(): Promise<void> {
    if (this.#child !== null) throw new Error(`${this.command} is already running`);
    const child = spawn(this.command, [...this.#options.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    running.add(child);
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let failure: string | null = null;
    child.once('error', (error) => {
      failure = `${this.command} could not start: ${error.message}`;
    });
    child.once('exit', (code, signal) => {
      failure ??= `${this.command} exited (${code ?? signal})`;
      running.delete(child);
      if (this.#child === child) this.#child = null;
    });
    const ready = this.#options.ready ?? (() => isPortOpen(this.port));
    try {
      await waitFor(
        `${this.command} on port ${this.port}`,
        async () => failure !== null || (await ready()),
        this.#options.startTimeoutMs ?? 10_000,
      );
      if (failure !== null) throw new Error(failure);
    } catch (error) {
      await this.stop();
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${message}\n${this.#output}`);
    }
  }

  /** SIGTERM (after SIGCONT, in case it is paused), SIGKILL if it lingers; resolves on exit. */
  async stop(): Promise<void> {
    await this.#signalAndWait(['SIGCONT', 'SIGTERM'], this.#options.stopTimeoutMs ?? 5000);
  }

  /** SIGKILL: the process dies at once, as in a crash. Resolves on exit. */
  async kill(): Promise<void> {
    await this.#signalAndWait(['SIGKILL'], 5000);
  }

  /** Stops the process and starts it again with the same arguments (so the same port). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** SIGSTOP: the process keeps its sockets open but answers nothing, like a hung server. */
  pause(): void {
    this.#child?.kill('SIGSTOP');
  }

  /** SIGCONT: a paused process carries on, and handles what was sent to it meanwhile. */
  resume(): void {
    this.#child?.kill('SIGCONT');
  }

  async #signalAndWait(signals: readonly NodeJS.Signals[], killAfterMs: number): Promise<void> {
    const child = this.#child;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    for (const signal of signals) child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    await exited;
    clearTimeout(timer);
  }
}
