import { consoleLogger, type Logger, type Sentinel } from '@sentinel/core';
import type { Request, RequestHandler } from 'express';
import { defaultClientIp } from './client-ip.js';
import { pathOf, sentinelPathMatcher } from './paths.js';
import { answerServerError } from './server-error.js';
import { toWebRequest } from './to-web-request.js';
import { writeWebResponse } from './write-response.js';

export interface SentinelExpressOptions {
  /**
   * The client's IP address, for brute-force counting. By default `req.ip` (which follows the
   * app's `trust proxy` setting), else the socket's remote address, else "unknown". Behind a
   * proxy, set `trust proxy` or return the address it forwards.
   */
  clientIp?: (req: Request) => string | undefined;
  /** Where failures of the binding itself are logged; JSON lines on stderr by default. */
  logger?: Logger;
}

/**
 * Express middleware serving Sentinel's endpoints at their configured paths (token, revocation,
 * introspection, metadata and the management API). Mount it at the root with
 * `app.use(sentinel(core))`. It only translates: the request becomes a Web `Request`, the core
 * answers it, and its `Response` is written back. Any other request goes on to the app's next
 * handler at once, after one comparison of its path: the middleware sits in front of every
 * route of the app, so it is a plain function rather than a Router the request would walk.
 */
export function sentinel(core: Sentinel, options: SentinelExpressOptions = {}): RequestHandler {
  const clientIp = options.clientIp ?? defaultClientIp;
  const logger = options.logger ?? consoleLogger;
  const served = sentinelPathMatcher(core.config);
  return async (req, res, next) => {
    if (!served(pathOf(req.url))) {
      next();
      return;
    }
    let response: Response | null;
    try {
      const request = await toWebRequest(req);
      if (request === null) {
        // The client went away mid-body: there is no one to answer.
        res.destroy();
        return;
      }
      response = await core.handle(request, { clientIp: clientIp(req) ?? 'unknown' });
      if (response !== null) await writeWebResponse(res, response);
    } catch (error) {
      answerServerError(res, logger, error);
      return;
    }
    if (response === null) next();
  };
}
