import { clientCommands } from './clients.js';
import type { Command } from './command.js';
import { tokenCommands } from './tokens.js';
import { userCommands } from './users.js';

/** Every command, in the order `sentinel --help` lists them. */
export const COMMANDS: readonly Command[] = [...userCommands, ...clientCommands, ...tokenCommands];

/** The first words of multi-word commands: `users`, `clients`, `tokens`. */
export function groups(): string[] {
  return [
    ...new Set(
      COMMANDS.map((c) => c.name.split(' '))
        .filter((words) => words.length > 1)
        .map((words) => words[0] ?? ''),
    ),
  ];
}
