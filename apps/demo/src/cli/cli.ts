import { refusePasswordOption, wantsHelp, wantsJson } from './args.js';
import type { Command, CommandContext } from './command.js';
import { classify, EXIT, UsageError } from './errors.js';
import { commandHelp, groupHelp, mainHelp } from './help.js';
import { Output, type Streams } from './output.js';
import { COMMANDS, groups } from './registry.js';

type Env = Record<string, string | undefined>;

/** Options that may come before the command's name, as in `sentinel --json users list`. */
const LEADING_OPTIONS = new Set(['--json', '--help', '-h']);

/**
 * Runs `sentinel` with `argv` (the arguments after the program name) and returns the exit code.
 * Every failure is reported here, once, in the format `--json` asks for.
 */
export async function runCli(
  argv: readonly string[],
  env: Env,
  streams: Streams = process,
): Promise<number> {
  const out = new Output(wantsJson(argv), streams);
  try {
    await dispatch(argv, { out, env });
    return EXIT.ok;
  } catch (error) {
    const failure = classify(error);
    out.failure(failure);
    if (failure.exitCode === EXIT.unexpected && env.DEBUG && error instanceof Error) {
      streams.stderr.write(`${error.stack ?? ''}\n`);
    }
    return failure.exitCode;
  }
}

/** Finds the command `argv` names and runs it, or prints the help it asks for. */
async function dispatch(
  argv: readonly string[],
  context: Omit<CommandContext, 'args'>,
): Promise<void> {
  const start = argv.findIndex((arg) => !arg.startsWith('-'));
  const leading = start === -1 ? argv : argv.slice(0, start);
  for (const option of leading) {
    if (LEADING_OPTIONS.has(option)) continue;
    refusePasswordOption([option]);
    throw new UsageError(`unknown option ${option}`);
  }
  const [word, ...rest] = start === -1 ? [] : argv.slice(start);
  if (word === undefined) {
    if (wantsHelp(leading)) return context.out.text(mainHelp(COMMANDS));
    throw new UsageError('missing command');
  }
  if (word === 'help') return dispatch([...leading, ...rest, '--help'], context);

  const single = COMMANDS.find((c) => c.name === word);
  if (single !== undefined) return runCommand(single, [...leading, ...rest], context);
  if (!groups().includes(word)) throw new UsageError(`unknown command "${word}"`);

  // The command's own word is the first one that is not an option: `users --json list` works.
  const at = rest.findIndex((arg) => !arg.startsWith('-'));
  const sub = at === -1 ? undefined : rest[at];
  const args = at === -1 ? rest : [...rest.slice(0, at), ...rest.slice(at + 1)];
  const members = COMMANDS.filter((c) => c.name.startsWith(`${word} `));
  if (sub === undefined) {
    if (wantsHelp([...leading, ...rest])) return context.out.text(groupHelp(word, members));
    throw new UsageError(`missing command after "sentinel ${word}"`, `sentinel ${word}`);
  }
  const command = members.find((c) => c.name === `${word} ${sub}`);
  if (command === undefined) {
    throw new UsageError(`unknown command "${word} ${sub}"`, `sentinel ${word}`);
  }
  return runCommand(command, [...leading, ...args], context);
}

async function runCommand(
  command: Command,
  args: readonly string[],
  context: Omit<CommandContext, 'args'>,
): Promise<void> {
  if (wantsHelp(args)) return context.out.text(commandHelp(command));
  try {
    await command.run({ ...context, args });
  } catch (error) {
    // Point usage errors at the help of the command that raised them.
    if (error instanceof UsageError && error.command === undefined) {
      throw new UsageError(error.message, `sentinel ${command.name}`);
    }
    throw error;
  }
}
