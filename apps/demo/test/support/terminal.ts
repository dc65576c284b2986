import { execFileSync, spawn } from 'node:child_process';
import { CLI_MAIN, cleanEnv } from './cli-process.js';

/** Whether util-linux `script` is here to give a child a pseudo-terminal. */
export function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** One exchange with the program: wait until its output contains `after`, then type `keys`. */
export interface Keystrokes {
  readonly after: string;
  readonly keys: string;
}

export interface TerminalResult {
  readonly code: number | null;
  /** Everything the terminal showed: stdout and stderr together, as a person sees them. */
  readonly screen: string;
}

/**
 * Runs the built CLI on a pseudo-terminal (`script -qec`), so that its stdin is a TTY, and types
 * `keystrokes` in order, each once its prompt has appeared.
 */
export function runInTerminal(
  args: readonly string[],
  env: Record<string, string>,
  keystrokes: readonly Keystrokes[],
): Promise<TerminalResult> {
  const command = [process.execPath, CLI_MAIN, ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: cleanEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let next = 0;
  // Each prompt is searched for after the previous one, so a repeated prompt is not matched twice.
  let seen = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    const step = keystrokes[next];
    if (step === undefined) return;
    const at = screen.indexOf(step.after, seen);
    if (at === -1) return;
    seen = at + step.after.length;
    next += 1;
    child.stdin.write(step.keys);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`terminal session timed out; it showed:\n${screen}`));
    }, 20_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
