import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built `sentinel` command. */
export const CLI_MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall-clock time from spawn to exit. */
  readonly ms: number;
}

export interface CliOptions {
  /** Variables added to a clean environment (no inherited `SENTINEL_*` or `LOG_LEVEL`). */
  readonly env?: Record<string, string>;
  /** Written to stdin, which is then closed; stdin is empty without it. */
  readonly input?: string;
}

/** The parent's environment without the settings a test must choose itself. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const kept = Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined && !entry[0].startsWith('SENTINEL_') && entry[0] !== 'LOG_LEVEL',
  );
  return { ...Object.fromEntries(kept), ...extra };
}

/** Runs `node dist/cli/main.js ...args` with pipes for stdin, stdout and stderr. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI_MAIN, ...args], {
    env: cleanEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}
