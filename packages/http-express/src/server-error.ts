import type { ServerResponse } from 'node:http';
import { type Logger, OAuthError } from '@sentinel/core';

/** What is logged of an error: enough to debug it, and never sent to the client. */
function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack };
  }
  return { value: String(error) };
}

/**
 * Answers a failure of the binding itself (a stream error, a request that cannot be translated)
 * with the JSON `server_error` the core gives for its own failures, rather than Express's HTML
 * error page. The details go to the log only. When the response has already started, all that
 * is left is to cut the connection.
 */
export function answerServerError(res: ServerResponse, logger: Logger, error: unknown): void {
  logger.error({ binding: 'express', err: describe(error) }, 'unexpected error');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const failure = new OAuthError('server_error', 'The server encountered an unexpected error.');
  res.statusCode = failure.status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(failure.toJSON()));
}
