import type { Command } from './command.js';

const EXIT_CODES = `Exit codes:
  0    success
  1    Sentinel refused: no such user or client, name taken, invalid value
  2    usage: unknown command or option, missing argument, SENTINEL_MONGO_URI not set
  3    a server (MongoDB, Redis) could not be reached
  4    unexpected error
  130  interrupted at the password prompt (Ctrl-C)`;

const ENVIRONMENT = `Environment (the demo's settings, see the README):
  SENTINEL_MONGO_URI     MongoDB URI, required
  SENTINEL_MONGO_DBNAME  database name (default: oauth)
  SENTINEL_REDIS_URL     the server's Redis URI: set it when the server uses Redis, or tokens
                         revoked here stay valid in its cache until they expire
  SENTINEL_BCRYPT_COST   bcrypt cost of new password hashes (default: 12)
  LOG_LEVEL              level of the JSON log lines on stderr (default: warn)`;

const OPTIONS = `Options:
  --json      print one JSON document on stdout: the result, or {"error", "error_description"}
  -h, --help  show help (also: sentinel help COMMAND)`;

/** `sentinel --help`: every command, the options, the environment and the exit codes. */
export function mainHelp(commands: readonly Command[]): string {
  return [
    'Usage: sentinel COMMAND [ARGUMENTS] [--json]',
    "Manages the users, clients and tokens of the demo's MongoDB database.",
    `Commands:\n${commandList(commands)}`,
    OPTIONS,
    'Passwords are read from a prompt without echo, or from the first line of standard input\n' +
      'when it is not a terminal; never from the command line.',
    ENVIRONMENT,
    EXIT_CODES,
  ].join('\n\n');
}

/** `sentinel users --help`: the commands of one group. */
export function groupHelp(group: string, commands: readonly Command[]): string {
  return [
    `Usage: sentinel ${group} COMMAND [ARGUMENTS] [--json]`,
    `Commands:\n${commandList(commands)}`,
    `Run 'sentinel ${group} COMMAND --help' for a command's details, 'sentinel --help' for the\nenvironment and exit codes.`,
  ].join('\n\n');
}

/** `sentinel users add --help`: one command's usage and details. */
export function commandHelp(command: Command): string {
  return [
    `Usage: sentinel ${command.name} ${command.args}`,
    command.help,
    'Exit codes: 0 success, 1 refused, 2 usage, 3 server unreachable, 4 unexpected\n(see sentinel --help).',
  ].join('\n\n');
}

function commandList(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
}
