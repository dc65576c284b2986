import {
  type AuthenticateResult,
  authorizationFromRaw,
  consoleLogger,
  type Logger,
  type Principal,
  type Sentinel,
} from '@sentinel/core';
import type { RequestHandler } from 'express';
import { answerServerError } from './server-error.js';
import { writeWebResponse } from './write-response.js';

declare global {
  namespace Express {
    interface Request {
      /** The principal of the request's Bearer token, set by `requireOAuth`. */
      oauth?: Principal;
    }
  }
}

export interface RequireOAuthOptions {
  /** Scopes the route needs (space-delimited or a list); all must be granted. */
  scope?: string | readonly string[];
  /** Where failures of the middleware itself are logged; JSON lines on stderr by default. */
  logger?: Logger;
}

type Refusal = Extract<AuthenticateResult, { ok: false }>;

/** The core's refusal as the JSON response the Hono binding sends for it. */
function refusal(result: Refusal): Response {
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { 'Content-Type': 'application/json', ...result.headers },
  });
}

/**
 * Middleware for resource routes (RFC 6750): lets through requests whose Bearer token is valid
 * and has the scope, with the principal at `req.oauth`; answers 400, 401 or 403 with the right
 * `WWW-Authenticate` challenge otherwise. A bad `scope` throws a TypeError here, at setup.
 */
export function requireOAuth(core: Sentinel, options: RequireOAuthOptions = {}): RequestHandler {
  const check = core.authenticator(options.scope === undefined ? {} : { scope: options.scope });
  const logger = options.logger ?? consoleLogger;
  return async (req, res, next) => {
    let result: AuthenticateResult;
    try {
      // From the raw headers, so that a repeated Authorization header reads as on a Web Request.
      result = await check(authorizationFromRaw(req.rawHeaders));
      if (!result.ok) {
        await writeWebResponse(res, refusal(result));
        return;
      }
    } catch (error) {
      answerServerError(res, logger, error);
      return;
    }
    req.oauth = result.principal;
    next();
  };
}
