import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface DemoProcess {
  readonly child: ChildProcess;
  readonly base: string;
  readonly port: number;
  /** Everything the process printed on stdout so far. */
  stdout(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the built demo on a free port and waits for its banner. `options.cwd` is its working
 * directory (where it looks for `templates/management.html`); the test's own by default.
 */
export async function startDemo(
  env: Record<string, string> = {},
  options: { cwd?: string } = {},
): Promise<DemoProcess> {
  const child = spawn(process.execPath, [MAIN], {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`demo did not start:\n${out}\n${err}`)),
      20_000,
    );
    const check = () => {
      const match = /listening on (https?):\/\/[^:]+:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(`${match[1]}://localhost:${match[2]}`);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${out}\n${err}`));
    });
  });
  return {
    child,
    base,
    port: Number(new URL(base).port),
    stdout: () => out,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
}
