import type { Request } from 'express';

/**
 * The default client address: Express's `req.ip` (which follows the app's `trust proxy`
 * setting), else the socket's remote address.
 */
export function defaultClientIp(req: Request): string | undefined {
  return req.ip ?? req.socket?.remoteAddress;
}
