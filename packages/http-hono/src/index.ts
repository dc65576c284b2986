import type { Principal, Sentinel } from '@sentinel/core';
import { routesOf } from '@sentinel/core';
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

/**
 * A Hono app serving Sentinel's endpoints at their configured paths (token, revocation,
 * introspection, metadata and the management API). Mount it with `app.route('/', sentinel(core))`. It only translates: the core
 * answers every request.
 */
export function sentinel(core: Sentinel, options: SentinelHonoOptions = {}): Hono {
  const app = new Hono();
  const clientIp = options.clientIp ?? socketAddress;
  const forward = async (c: Context) => {
    const response = await core.handle(c.req.raw, { clientIp: clientIp(c) ?? 'unknown' });
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
    const result = await check(c.req.header('authorization'));
    if (!result.ok) {
      return c.json(result.body, result.status as 400, { ...result.headers });
    }
    c.set('oauth', result.principal);
    await next();
  };
}
