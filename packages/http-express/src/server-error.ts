import type { ServerResponse } from 'node:http';
import { type Logger, toOAuthError } from '@sentinel/core';

/**
 * Answers a failure of the binding itself (a stream error, a request that cannot be translated)
 * with the JSON `server_error` the core gives for its own failures, rather than Express's HTML
 * error page. The details go to the log only. When the response has already started, all that
 * is left is to cut the connection.
 */
export function answerServerError(res: ServerResponse, logger: Logger, error: unknown): void {
  // The core's own mapping, which logs the detail: `server_error` for anything unexpected.
  const failure = toOAuthError(error, logger, { binding: 'express' });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = failure.status;
  for (const [name, value] of Object.entries(failure.headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(failure.toJSON()));
}
