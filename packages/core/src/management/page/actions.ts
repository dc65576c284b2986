import { type ClientType, GRANT_TYPES, type GrantType } from '../../domain/client.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { ClientManagement, ClientWithSecret } from '../clients.js';
import type { UserManagement } from '../users.js';
import { INTENTS, type Intent } from './data.js';
import type { Flash } from './flash.js';
import { field, requiredField } from './form.js';

const ok = (message: string): Flash => ({ kind: 'success', message });
const tokens = (n: number) => `${n} token${n === 1 ? '' : 's'}`;

/** The client name rule of the management API. */
const MAX_CLIENT_NAME = 200;

/**
 * The page's form actions: each `intent` maps to one use case, with the same rules and error
 * descriptions as the JSON API. Success is a flash message; a refusal throws the use case's
 * `OAuthError`, whose description the page shows.
 */
export class PageActions {
  readonly #handlers: Readonly<Record<Intent, (form: URLSearchParams) => Promise<Flash>>>;

  constructor(users: UserManagement, clients: ClientManagement) {
    const userId = (form: URLSearchParams) => requiredField(form, 'id', 'user id');
    const clientId = (form: URLSearchParams) => requiredField(form, 'client_id', 'client_id');
    this.#handlers = {
      'add-user': async (form) => {
        const username = field(form, 'username');
        const password = confirmedPassword(form);
        const user = await users.create({ username, password });
        return ok(`User "${user.username}" was added.`);
      },
      'set-password': async (form) => {
        const user = await users.get(userId(form));
        await users.setPassword(user.id, confirmedPassword(form));
        return ok(`The password of "${user.username}" was changed and their tokens revoked.`);
      },
      'disable-user': async (form) => {
        const user = await users.setDisabled(userId(form), true);
        return ok(`User "${user.username}" was disabled and their tokens revoked.`);
      },
      'enable-user': async (form) => {
        const user = await users.setDisabled(userId(form), false);
        return ok(`User "${user.username}" was enabled.`);
      },
      'revoke-tokens': async (form) => {
        const user = await users.get(userId(form));
        const count = await users.revokeTokens(user.id);
        return ok(`Revoked ${tokens(count)} of "${user.username}".`);
      },
      'delete-user': async (form) => {
        const user = await users.get(userId(form));
        await users.delete(user.id);
        return ok(`User "${user.username}" was deleted and their tokens revoked.`);
      },
      'add-client': async (form) => {
        const made = await clients.create(newClient(form));
        return withSecret(made, `Client "${made.client.name}" was added.`);
      },
      'rotate-secret': async (form) => {
        const made = await clients.rotateSecret(clientId(form));
        return withSecret(
          made,
          `Client "${made.client.name}" has a new secret; the old one no longer works.`,
        );
      },
      'delete-client': async (form) => {
        const client = await clients.get(clientId(form));
        await clients.delete(client.clientId);
        return ok(`Client "${client.name}" was deleted and its tokens revoked.`);
      },
    };
  }

  /** Runs the form's intent. */
  perform(form: URLSearchParams): Promise<Flash> {
    const intent = field(form, 'intent');
    if (!isIntent(intent)) {
      throw new OAuthError('invalid_request', 'The form has no known intent.');
    }
    return this.#handlers[intent](form);
  }
}

function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}

function confirmedPassword(form: URLSearchParams): string {
  const password = field(form, 'password');
  if (password !== field(form, 'confirm')) {
    throw new OAuthError('invalid_request', 'The password and its confirmation differ.');
  }
  return password;
}

function newClient(form: URLSearchParams) {
  const type = field(form, 'type');
  if (type !== 'public' && type !== 'confidential') {
    throw new OAuthError('invalid_request', 'The client type must be public or confidential.');
  }
  const grants = form.getAll('grants');
  const unknown = grants.find((g) => !(GRANT_TYPES as readonly string[]).includes(g));
  if (unknown !== undefined) throw new OAuthError('invalid_request', 'Unknown grant type.');
  const name = field(form, 'name').trim();
  if ([...name].length > MAX_CLIENT_NAME) {
    throw new OAuthError(
      'invalid_request',
      `The name must be at most ${MAX_CLIENT_NAME} characters.`,
    );
  }
  const scopes = field(form, 'scopes')
    .split(/[ \t\r\n]+/)
    .filter((s) => s !== '');
  return {
    type: type as ClientType,
    grants: grants as GrantType[],
    scopes,
    ...(name === '' ? {} : { name }),
  };
}

function withSecret({ client, secret }: ClientWithSecret, message: string): Flash {
  return secret === null
    ? ok(message)
    : { kind: 'success', message, secret: { clientId: client.clientId, value: secret } };
}
