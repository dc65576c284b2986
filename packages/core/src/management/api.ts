import { z } from 'zod';
import { type Client, GRANT_TYPES } from '../domain/client.js';
import type { PublicUser } from '../domain/user.js';
import { OAuthError } from '../errors/oauth-error.js';
import { mediaType, readBody } from '../protocol/body.js';
import { json, noContent } from '../protocol/responses.js';
import type { ClientManagement, ClientWithSecret } from './clients.js';
import type { UserManagement } from './users.js';

const newUserBody = z.object({ username: z.string(), password: z.string() }).strict();
const passwordBody = z.object({ password: z.string() }).strict();
const userPatchBody = z.object({ disabled: z.boolean() }).strict();
const newClientBody = z
  .object({
    name: z.string().min(1).max(200).optional(),
    type: z.enum(['public', 'confidential']),
    grants: z.array(z.enum(GRANT_TYPES)).optional(),
    scopes: z.array(z.string()).optional(),
  })
  .strict();

/** The JSON shape of a user: never the password hash. */
export function userJson(user: PublicUser) {
  return {
    id: user.id,
    username: user.username,
    created_at: user.createdAt.toISOString(),
    disabled: user.disabled,
  };
}

/** The JSON shape of a client: never the secret's digest. */
/**
 * A client as the management API (and the CLI's --json) shows a client just made or given a
 * new secret: `clientJson` plus `client_secret`, for a confidential client.
 */
export function clientWithSecretJson({ client, secret }: ClientWithSecret) {
  return secret === null ? clientJson(client) : { ...clientJson(client), client_secret: secret };
}

export function clientJson(client: Client) {
  return {
    client_id: client.clientId,
    name: client.name,
    type: client.type,
    grants: client.grants,
    scopes: client.scopes,
    created_at: client.createdAt.toISOString(),
  };
}

type Handler = (request: Request, id: string) => Promise<Response>;
interface Route {
  readonly pattern: RegExp;
  readonly methods: Readonly<Record<string, Handler>>;
}

/**
 * The management JSON API, below `{prefix}{managementUrl}/api`. Authentication is checked by the
 * caller; this only routes, validates bodies with zod and maps use cases to HTTP.
 */
export class ManagementApi {
  readonly #routes: readonly Route[];

  constructor(users: UserManagement, clients: ClientManagement) {
    this.#routes = [
      {
        pattern: /^\/users$/,
        methods: {
          GET: async () => json(200, (await users.list()).map(userJson)),
          POST: async (req) =>
            json(201, userJson(await users.create(await body(req, newUserBody)))),
        },
      },
      {
        pattern: /^\/users\/([^/]+)$/,
        methods: {
          GET: async (_, id) => json(200, userJson(await users.get(id))),
          PATCH: async (req, id) => {
            const { disabled } = await body(req, userPatchBody);
            return json(200, userJson(await users.setDisabled(id, disabled)));
          },
          DELETE: async (_, id) => {
            await users.delete(id);
            return noContent();
          },
        },
      },
      {
        pattern: /^\/users\/([^/]+)\/password$/,
        methods: {
          PUT: async (req, id) => {
            await users.setPassword(id, (await body(req, passwordBody)).password);
            return noContent();
          },
        },
      },
      {
        pattern: /^\/users\/([^/]+)\/tokens$/,
        methods: {
          DELETE: async (_, id) => {
            await users.revokeTokens(id);
            return noContent();
          },
        },
      },
      {
        pattern: /^\/clients$/,
        methods: {
          GET: async () => json(200, (await clients.list()).map(clientJson)),
          POST: async (req) => {
            return json(
              201,
              clientWithSecretJson(await clients.create(await body(req, newClientBody))),
            );
          },
        },
      },
      {
        pattern: /^\/clients\/([^/]+)$/,
        methods: {
          GET: async (_, id) => json(200, clientJson(await clients.get(id))),
          DELETE: async (_, id) => {
            await clients.delete(id);
            return noContent();
          },
        },
      },
      {
        pattern: /^\/clients\/([^/]+)\/secret$/,
        methods: {
          POST: async (_, id) => {
            return json(201, clientWithSecretJson(await clients.rotateSecret(id)));
          },
        },
      },
    ];
  }

  /** Answers a request for `path` (the part after `/api`). */
  async handle(request: Request, path: string): Promise<Response> {
    for (const route of this.#routes) {
      const match = route.pattern.exec(path);
      if (match === null) continue;
      // Own keys only: a method named after an Object.prototype member is not a handler.
      const handler = Object.hasOwn(route.methods, request.method)
        ? route.methods[request.method]
        : undefined;
      if (handler === undefined) {
        throw new OAuthError('invalid_request', `${request.method} is not allowed here.`, {
          status: 405,
          headers: { Allow: Object.keys(route.methods).join(', ') },
        });
      }
      return handler(request, decodeId(match[1]));
    }
    throw new OAuthError('not_found', 'No such management resource.');
  }
}

function decodeId(raw: string | undefined): string {
  if (raw === undefined) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new OAuthError('not_found', 'No such management resource.');
  }
}

/** Reads and validates a JSON body; every failure is a 400 `invalid_request` naming the field. */
async function body<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  if (mediaType(request) !== 'application/json') {
    throw new OAuthError('invalid_request', 'The request body must be application/json.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readBody(request));
  } catch (error) {
    if (error instanceof OAuthError) throw error;
    throw new OAuthError('invalid_request', 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(parsed);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'body';
  throw new OAuthError('invalid_request', `Invalid ${where}: ${issue?.message ?? 'invalid'}.`);
}
