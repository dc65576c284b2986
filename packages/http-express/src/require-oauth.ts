import {
  type AuthenticateResult,
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

/** What a Web `Headers` strips from both ends of a value (Fetch: HTTP whitespace). */
const HTTP_WHITESPACE_AROUND = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/**
 * The Authorization header as `webHeaders(req).get('authorization')` reads it (repeated ones
 * joined with ", ", surrounding whitespace trimmed), without building a Headers object of every
 * header on each request.
 */
function authorizationHeader(raw: readonly string[]): string | null {
  let value: string | null = null;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length !== 13 || name.toLowerCase() !== 'authorization') continue;
    const part = (raw[i + 1] as string).replace(HTTP_WHITESPACE_AROUND, '');
    value = value === null ? part : `${value}, ${part}`;
  }
  return value;
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
      result = await check(authorizationHeader(req.rawHeaders));
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
