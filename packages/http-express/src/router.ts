import { consoleLogger, type Logger, type Sentinel } from '@sentinel/core';
import { type Request, type RequestHandler, Router } from 'express';
import { defaultClientIp } from './client-ip.js';
import { sentinelPaths } from './paths.js';
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
 * An Express router serving Sentinel's endpoints at their configured paths (token, revocation,
 * introspection, metadata and the management API). Mount it at the root with
 * `app.use(sentinel(core))`. It only translates: the request becomes a Web `Request`, the core
 * answers it, and its `Response` is written back. A request the core does not take goes on to
 * the app's next handler.
 */
export function sentinel(core: Sentinel, options: SentinelExpressOptions = {}): Router {
  const clientIp = options.clientIp ?? defaultClientIp;
  const logger = options.logger ?? consoleLogger;
  const forward: RequestHandler = async (req, res, next) => {
    let response: Response | null;
    try {
      response = await core.handle(toWebRequest(req), { clientIp: clientIp(req) ?? 'unknown' });
      if (response !== null) await writeWebResponse(res, response);
    } catch (error) {
      answerServerError(res, logger, error);
      return;
    }
    if (response === null) next();
  };
  const router = Router();
  const paths = sentinelPaths(core.config);
  if (paths.length > 0) router.all(paths, forward);
  return router;
}
