import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './errors.js';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes; `--help` is handled before parsing, `--json` by the caller. */
const COMMON = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

/** A password option, refused with a reason wherever it appears. */
const PASSWORD_OPTION = /^--pass(word)?(=|$)/;

/** The arguments before `--`, the ones that may be options. */
function optionZone(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--');
  return end === -1 ? args : args.slice(0, end);
}

/** Whether `--help` or `-h` is among the options, so help wins over any other mistake. */
export function wantsHelp(args: readonly string[]): boolean {
  return optionZone(args).some((arg) => arg === '--help' || arg === '-h');
}

/** Whether `--json` is among the options; read before parsing so that usage errors obey it. */
export function wantsJson(args: readonly string[]): boolean {
  return optionZone(args).includes('--json');
}

/** Refuses a password on the command line, which would land in shell history and `ps`. */
export function refusePasswordOption(args: readonly string[]): void {
  if (optionZone(args).some((arg) => PASSWORD_OPTION.test(arg))) {
    throw new UsageError(
      'passwords are never taken from the command line, where shell history and process ' +
        'listings would keep them: type it at the prompt, or pipe it on standard input',
    );
  }
}

/** What `parseCommand` returns: typed `values` for `O` and the common options, `positionals`. */
export type ParsedCommand<O extends OptionSpecs> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: typeof COMMON & O;
    allowPositionals: true;
    strict: true;
  }>
>;

/**
 * Parses one command's arguments with node:util `parseArgs`: `options` plus the common ones, and
 * exactly the positionals named in `positionals` (such as `['NAME']`). Every mistake is a
 * `UsageError`.
 */
export function parseCommand<const O extends OptionSpecs>(
  args: readonly string[],
  options: O,
  positionals: readonly string[] = [],
): ParsedCommand<O> {
  refusePasswordOption(args);
  let parsed: ParsedCommand<O>;
  try {
    parsed = parse(args, options);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const missing = positionals[parsed.positionals.length];
  if (missing !== undefined) throw new UsageError(`missing argument ${missing}`);
  const extra = parsed.positionals[positionals.length];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  return parsed;
}

function parse<O extends OptionSpecs>(args: readonly string[], options: O): ParsedCommand<O> {
  return parseArgs({
    args: [...args],
    options: { ...COMMON, ...options },
    allowPositionals: true,
    strict: true,
  });
}

/** The value of a required option, or a `UsageError` naming it. */
export function required(value: string | undefined, option: string): string {
  if (value === undefined) throw new UsageError(`missing option --${option}`);
  return value;
}
