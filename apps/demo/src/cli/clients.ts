import {
  type Client,
  type ClientType,
  clientJson,
  clientWithSecretJson,
  DEFAULT_GRANTS,
  GRANT_TYPES,
  OAuthError,
} from '@sentinel/core';
import { parseCommand, required } from './args.js';
import type { Command } from './command.js';
import { UsageError } from './errors.js';
import { shortDate, table } from './output.js';
import { withSentinel } from './sentinel.js';

const CLIENT_TYPES: readonly ClientType[] = ['public', 'confidential'];
/** The management API's limit on client names. */
const MAX_NAME_LENGTH = 200;

const SECRET_NOTE =
  'The secret is shown only this once (Sentinel keeps only its digest): store it now.';

const add: Command = {
  name: 'clients add',
  args: '--type public|confidential [--name NAME] [--grant GRANT]... [--scope SCOPE]... [--json]',
  summary: 'register a client (prints its client_id, and its secret once)',
  help: `Registers a client and prints its client_id. A confidential client also gets a secret,
which is printed this once and never again.

  --type TYPE    public (a first-party app that cannot keep a secret) or confidential
  --name NAME    a name for people, 1 to ${MAX_NAME_LENGTH} characters (default: the client_id)
  --grant GRANT  a grant it may use, repeatable: ${GRANT_TYPES.join(', ')}
                 (default: ${DEFAULT_GRANTS.join(' and ')}; public clients cannot use
                 client_credentials)
  --scope SCOPE  a scope it may request, repeatable (or several, space-separated)

--json prints {"client_id", "name", "type", "grants", "scopes", "created_at"}, plus
"client_secret" for a confidential client.`,
  async run({ args, out, env }) {
    const { values } = parseCommand(args, {
      type: { type: 'string' },
      name: { type: 'string' },
      grant: { type: 'string', multiple: true },
      scope: { type: 'string', multiple: true },
    });
    const type = oneOf(required(values.type, 'type'), CLIENT_TYPES, '--type');
    const grants = values.grant?.map((g) => oneOf(g, GRANT_TYPES, '--grant'));
    const scopes = values.scope?.flatMap((s) => s.split(' ').filter((part) => part !== ''));
    if (values.name !== undefined && !validName(values.name)) {
      throw new OAuthError(
        'invalid_request',
        `The name must be 1 to ${MAX_NAME_LENGTH} characters long.`,
      );
    }
    const made = await withSentinel(env, (core) =>
      core.clients.create({ type, name: values.name, grants, scopes }),
    );
    const { client, secret } = made;
    out.result(clientWithSecretJson(made), () =>
      [
        `Created ${client.type} client ${client.name}.`,
        `client_id:     ${client.clientId}`,
        ...(secret === null ? [] : [`client_secret: ${secret}`, SECRET_NOTE]),
      ].join('\n'),
    );
  },
};

const list: Command = {
  name: 'clients list',
  args: '[--json]',
  summary: 'list every client (never a secret)',
  help: `Lists every client. Secrets are never shown: Sentinel does not keep them.

--json prints an array of clients: [{"client_id", "name", "type", "grants", "scopes",
"created_at"}].`,
  async run({ args, out, env }) {
    parseCommand(args, {});
    const clients = await withSentinel(env, (core) => core.clients.list());
    out.result(clients.map(clientJson), () => clientsTable(clients));
  },
};

const remove: Command = {
  name: 'clients remove',
  args: 'CLIENT_ID [--json]',
  summary: 'delete a client and revoke its tokens',
  help: `Deletes the client CLIENT_ID and revokes every token issued to it.

--json prints the client as it was before it was removed.`,
  async run({ args, out, env }) {
    const [clientId = ''] = parseCommand(args, {}, ['CLIENT_ID']).positionals;
    const client = await withSentinel(env, async (core) => {
      const found = await core.clients.get(clientId);
      await core.clients.delete(clientId);
      return found;
    });
    out.result(
      clientJson(client),
      () => `Removed client ${client.clientId}; its tokens are revoked.`,
    );
  },
};

const rotateSecret: Command = {
  name: 'clients rotate-secret',
  args: 'CLIENT_ID [--json]',
  summary: "replace a confidential client's secret",
  help: `Gives the confidential client CLIENT_ID a new secret and prints it this once. The old
secret stops working at once; tokens already issued stay valid.

--json prints the client with its new "client_secret".`,
  async run({ args, out, env }) {
    const [clientId = ''] = parseCommand(args, {}, ['CLIENT_ID']).positionals;
    const rotated = await withSentinel(env, (core) => core.clients.rotateSecret(clientId));
    const { client, secret } = rotated;
    out.result(clientWithSecretJson(rotated), () =>
      [
        `New secret for client ${client.clientId}; the old one no longer works.`,
        `client_secret: ${secret ?? ''}`,
        SECRET_NOTE,
      ].join('\n'),
    );
  },
};

/** `value` if it is one of `allowed`, else a usage error listing them. */
function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) {
    throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return found;
}

function validName(name: string): boolean {
  const length = [...name].length;
  return length >= 1 && length <= MAX_NAME_LENGTH;
}

function clientsTable(clients: readonly Client[]): string {
  if (clients.length === 0) return 'No clients.';
  return table(
    ['CLIENT_ID', 'TYPE', 'GRANTS', 'SCOPES', 'CREATED', 'NAME'],
    clients.map((c) => [
      c.clientId,
      c.type,
      c.grants.join(','),
      c.scopes.length === 0 ? '-' : c.scopes.join(' '),
      shortDate(c.createdAt),
      c.name,
    ]),
  );
}

export const clientCommands: readonly Command[] = [add, list, remove, rotateSecret];
