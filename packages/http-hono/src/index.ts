import type { Principal, Sentinel } from '@sentinel/core';
import {
  authorizationFromRaw,
  declaredSmallBodyLength,
  headersFromRaw,
  routesOf,
} from '@sentinel/core';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';

/** What `requireOAuth` puts on the context: `c.get('oauth')`. */
export type OAuthVariables = { oauth: Principal };
export type OAuthEnv = { Variables: OAuthVariables };

export interface SentinelHonoOptions {
  /**
   * The client's IP address, for brute-force counting. By default the socket's remote address
   * under @hono/node-server, else "unknown". Behind a proxy, return the address it forwards.
   */
  clientIp?: (c: Context) => string | undefined;
}

/** The remote address @hono/node-server exposes on `c.env.incoming`, when present. */
function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/** What @hono/node-server puts on `c.env.incoming`: Node's request, as far as it is read here. */
interface NodeIncoming {
  readonly headers?: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawHeaders?: readonly string[];
}

/**
 * The request to hand the core. Under @hono/node-server, a request with a body whose
 * Content-Length is within `MAX_BODY_BYTES` is read at once (node-server's own fast path, which
 * reads exactly that many bytes) and handed over as a Web Request with that body and Node's raw
 * headers, repeated ones included. Otherwise the core's reading of `request.body` as a stream
 * makes node-server build a full Request around `Readable.toWeb` and an AbortSignal, about a
 * fifth of a refresh's CPU. Anything else (GET or HEAD, no Content-Length or a larger one, which
 * the core counts or refuses itself, a failed read, another runtime) goes as it came.
 */
async function coreRequest(c: Context): Promise<Request> {
  const raw = c.req.raw;
  if (raw.method === 'GET' || raw.method === 'HEAD') return raw;
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming;
  const rawHeaders = incoming?.rawHeaders;
  const declared = declaredSmallBodyLength(incoming?.headers?.['content-length']);
  if (rawHeaders === undefined || declared === null) return raw;
  let body: ArrayBuffer;
  try {
    body = await raw.arrayBuffer();
  } catch {
    return raw;
  }
  return new Request(raw.url, { method: raw.method, headers: headersFromRaw(rawHeaders), body });
}

/**
 * The Authorization header as `c.req.header('authorization')` reads it (repeated ones joined
 * with ", ", surrounding whitespace trimmed), taken under @hono/node-server straight from Node's
 * raw headers, without the Headers object a Web request builds; elsewhere from `c.req`.
 */
function authorizationHeader(c: Context): string | null | undefined {
  const env = c.env as { incoming?: { rawHeaders?: readonly string[] } } | undefined;
  const raw = env?.incoming?.rawHeaders;
  return raw === undefined ? c.req.header('authorization') : authorizationFromRaw(raw);
}

/**
 * A Hono app serving Sentinel's endpoints at their configured paths (token, revocation,
 * introspection, metadata and the management API). Mount it with `app.route('/', sentinel(core))`. It only translates: the core
 * answers every request.
 */
export function sentinel(core: Sentinel, options: SentinelHonoOptions = {}): Hono {
  const app = new Hono();
  const clientIp = options.clientIp ?? socketAddress;
  const forward = async (c: Context) => {
    const response = await core.handle(await coreRequest(c), {
      clientIp: clientIp(c) ?? 'unknown',
    });
    return response ?? c.notFound();
  };
  const { mounts } = routesOf(core.config);
  for (const path of mounts.exact) app.all(path, forward);
  for (const prefix of mounts.prefixes) app.all(`${prefix}/*`, forward);
  return app;
}

export interface RequireOAuthOptions {
  /** Scopes the route needs (space-delimited or a list); all must be granted. */
  scope?: string | readonly string[];
}

/**
 * Middleware for resource routes (RFC 6750): lets through requests whose Bearer token is valid
 * and has the scope, with the principal at `c.get('oauth')`; answers 400, 401 or 403 with the
 * right `WWW-Authenticate` challenge otherwise.
 */
export function requireOAuth(
  core: Sentinel,
  options: RequireOAuthOptions = {},
): MiddlewareHandler<OAuthEnv> {
  const check = core.authenticator(options.scope === undefined ? {} : { scope: options.scope });
  return async (c, next) => {
    const result = await check(authorizationHeader(c));
    if (!result.ok) {
      return c.json(result.body, result.status as 400, { ...result.headers });
    }
    c.set('oauth', result.principal);
    await next();
  };
}
