import { parseCommand, required } from './args.js';
import type { Command } from './command.js';
import { withSentinel } from './sentinel.js';

const revoke: Command = {
  name: 'tokens revoke',
  args: '--user NAME [--json]',
  summary: 'revoke every token of a user (it must log in again)',
  help: `Revokes every access and refresh token of the user NAME and prints how many it revoked.
Set SENTINEL_REDIS_URL when the server uses Redis, or tokens the server has cached stay valid
there until they expire.

--json prints {"username", "revoked"}.`,
  async run({ args, out, env }) {
    const { values } = parseCommand(args, { user: { type: 'string' } });
    const username = required(values.user, 'user');
    const revoked = await withSentinel(env, async (core) => {
      const user = await core.users.findByUsername(username);
      return core.users.revokeTokens(user.id);
    });
    out.result({ username, revoked }, () => `Revoked ${count(revoked, 'token')} of ${username}.`);
  },
};

const purgeExpired: Command = {
  name: 'purge-expired',
  args: '[--json]',
  summary: 'delete expired tokens from the store',
  help: `Deletes the tokens whose lifetime has ended, and prints how many. Safe to run at any
time, for example from cron.

--json prints {"purged"}.`,
  async run({ args, out, env }) {
    parseCommand(args, {});
    const purged = await withSentinel(env, (core) => core.purgeExpired());
    out.result({ purged }, () => `Purged ${count(purged, 'expired token')}.`);
  },
};

/** "1 token", "3 tokens". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export const tokenCommands: readonly Command[] = [revoke, purgeExpired];
