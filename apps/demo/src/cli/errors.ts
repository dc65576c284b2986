import { isUnavailable, OAuthError } from '@sentinel/core';

/** The exit codes of `sentinel`, listed in its `--help` and in the README. */
export const EXIT = {
  ok: 0,
  /** Sentinel refused the operation: not found, conflict, invalid input. */
  refused: 1,
  /** The command line or the environment is wrong. */
  usage: 2,
  /** MongoDB (or another server) could not be reached. */
  unavailable: 3,
  /** Anything else: a bug, or a server answering something unexpected. */
  unexpected: 4,
  /** Ctrl-C at a password prompt (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;

/** The command line or the environment is wrong: unknown command or option, missing argument. */
export class UsageError extends Error {
  /** The command whose `--help` explains the right usage, such as `sentinel users add`. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

/** The person pressed Ctrl-C at a prompt. */
export class InterruptedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}

/** How a failed invocation is reported: its exit code, an error code and a sentence. */
export interface Failure {
  readonly exitCode: number;
  /** `error` in the JSON output: the OAuth error code, or one of the CLI's own. */
  readonly error: string;
  readonly description: string;
  /** A second line for people, such as where to find the usage. */
  readonly hint?: string;
}

/** Sorts an error into the exit codes; the one place that decides what a failure means. */
export function classify(error: unknown): Failure {
  if (error instanceof OAuthError) {
    return { exitCode: EXIT.refused, error: error.code, description: error.message };
  }
  if (error instanceof UsageError) {
    return {
      exitCode: EXIT.usage,
      error: 'usage_error',
      description: error.message,
      hint: `Run '${error.command ?? 'sentinel'} --help' for usage.`,
    };
  }
  if (error instanceof InterruptedError) {
    return { exitCode: EXIT.interrupted, error: 'interrupted', description: 'Interrupted.' };
  }
  if (isUnavailable(error)) {
    return {
      exitCode: EXIT.unavailable,
      error: 'temporarily_unavailable',
      description: `A server could not be reached: ${messageOf(error)}`,
    };
  }
  return { exitCode: EXIT.unexpected, error: 'internal_error', description: messageOf(error) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
