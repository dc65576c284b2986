import { type PublicUser, userJson } from '@sentinel/core';
import { parseCommand } from './args.js';
import type { Command } from './command.js';
import { shortDate, table } from './output.js';
import { readPassword } from './prompt.js';
import { withSentinel } from './sentinel.js';

const PASSWORD_INPUT = `The password is read from a prompt without echo when standard input is a terminal,
otherwise from the first line of standard input; never from the command line.`;

const add: Command = {
  name: 'users add',
  args: 'NAME [--json]',
  summary: 'create a user (asks for the password)',
  help: `Creates the user NAME. Passwords are 8 characters to 72 bytes.
${PASSWORD_INPUT} In a terminal it is asked twice.

--json prints the user: {"id", "username", "created_at", "disabled"}.`,
  async run({ args, out, env }) {
    const [username = ''] = parseCommand(args, {}, ['NAME']).positionals;
    const user = await withSentinel(env, async (core) =>
      core.users.create({ username, password: await readPassword({ confirm: true }) }),
    );
    out.result(userJson(user), () => `Created user ${user.username} (id ${user.id}).`);
  },
};

const list: Command = {
  name: 'users list',
  args: '[--json]',
  summary: 'list every user, oldest first',
  help: `Lists every user, oldest first. No password hash is ever shown.

--json prints an array of users: [{"id", "username", "created_at", "disabled"}].`,
  async run({ args, out, env }) {
    parseCommand(args, {});
    const users = await withSentinel(env, (core) => core.users.list());
    out.result(users.map(userJson), () => usersTable(users));
  },
};

const remove: Command = {
  name: 'users remove',
  args: 'NAME [--json]',
  summary: 'delete a user and revoke its tokens',
  help: `Deletes the user NAME and revokes every token it holds.

--json prints the user as it was before it was removed.`,
  async run({ args, out, env }) {
    const [username = ''] = parseCommand(args, {}, ['NAME']).positionals;
    const user = await withSentinel(env, async (core) => {
      const found = await core.users.findByUsername(username);
      await core.users.delete(found.id);
      return found;
    });
    out.result(userJson(user), () => `Removed user ${user.username}; its tokens are revoked.`);
  },
};

const passwd: Command = {
  name: 'users passwd',
  args: 'NAME [--json]',
  summary: "set a user's password and revoke its tokens",
  help: `Sets a new password for the user NAME and revokes every token it holds, which ends its
sessions. ${PASSWORD_INPUT} In a terminal it is asked twice.

--json prints the user.`,
  async run({ args, out, env }) {
    const [username = ''] = parseCommand(args, {}, ['NAME']).positionals;
    const user = await withSentinel(env, async (core) => {
      // Look the user up first, so that nobody types a password for a name that does not exist.
      const found = await core.users.findByUsername(username);
      await core.users.setPassword(found.id, await readPassword({ confirm: true }));
      return found;
    });
    out.result(
      userJson(user),
      () => `Changed the password of ${user.username}; its tokens are revoked.`,
    );
  },
};

/** `users disable` and `users enable`, which differ only in the flag they set. */
function toggle(disabled: boolean): Command {
  const verb = disabled ? 'disable' : 'enable';
  return {
    name: `users ${verb}`,
    args: 'NAME [--json]',
    summary: disabled
      ? 'stop a user from logging in, and revoke its tokens'
      : 'let a user log in again',
    help: disabled
      ? `Disables the user NAME: it can no longer log in, and every token it holds is revoked.

--json prints the user, with "disabled": true.`
      : `Enables the user NAME again. Tokens revoked when it was disabled stay revoked.

--json prints the user, with "disabled": false.`,
    async run({ args, out, env }) {
      const [username = ''] = parseCommand(args, {}, ['NAME']).positionals;
      const user = await withSentinel(env, async (core) => {
        const found = await core.users.findByUsername(username);
        return core.users.setDisabled(found.id, disabled);
      });
      out.result(userJson(user), () =>
        disabled
          ? `Disabled user ${user.username}; its tokens are revoked.`
          : `Enabled user ${user.username}.`,
      );
    },
  };
}

function usersTable(users: readonly PublicUser[]): string {
  if (users.length === 0) return 'No users.';
  return table(
    ['USERNAME', 'STATUS', 'CREATED', 'ID'],
    users.map((u) => [
      u.username,
      u.disabled ? 'disabled' : 'enabled',
      shortDate(u.createdAt),
      u.id,
    ]),
  );
}

export const userCommands: readonly Command[] = [
  add,
  list,
  remove,
  passwd,
  toggle(true),
  toggle(false),
];
