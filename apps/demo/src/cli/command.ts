import type { Output } from './output.js';

/** What a command runs with. */
export interface CommandContext {
  /** The arguments after the command's name. */
  readonly args: readonly string[];
  readonly out: Output;
  /** The environment, read for the same settings as the demo. */
  readonly env: Record<string, string | undefined>;
}

/** One `sentinel` command, such as `users add`. */
export interface Command {
  /** The words that select it: `users add`, `purge-expired`. */
  readonly name: string;
  /** Its arguments and options, as shown after the name in usage lines. */
  readonly args: string;
  /** One line for the command list. */
  readonly summary: string;
  /** What `--help` shows below the usage line: behaviour, options, output. */
  readonly help: string;
  run(context: CommandContext): Promise<void>;
}
