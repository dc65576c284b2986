import type { Logger } from '../ports/logger.js';
import { OAuthError, StoreUnavailableError } from './oauth-error.js';

/** Seconds a client is told to wait when a store is down. */
const UNAVAILABLE_RETRY_AFTER = '5';

/**
 * Names of the errors that the official MongoDB and Redis drivers throw when their server cannot
 * be reached in time. Matched by name so that the core depends on no driver.
 */
const UNAVAILABLE_ERROR_NAMES = new Set([
  'StoreUnavailableError',
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MaxRetriesPerRequestError',
]);

export function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  return error instanceof Error && UNAVAILABLE_ERROR_NAMES.has(error.name);
}

/**
 * The one place an error becomes something a client sees. An `OAuthError` is shown as it is; a
 * store that cannot be reached is `temporarily_unavailable` (503, `Retry-After`); anything else
 * is logged with its detail and answered as a bare `server_error`.
 */
export function toOAuthError(error: unknown, logger: Logger, context: Record<string, unknown>) {
  if (error instanceof OAuthError) return error;
  if (isUnavailable(error)) {
    logger.warn({ ...context, err: describe(error) }, 'store unavailable');
    return new OAuthError(
      'temporarily_unavailable',
      'The service is temporarily unavailable. Try again later.',
      { headers: { 'Retry-After': UNAVAILABLE_RETRY_AFTER } },
    );
  }
  logger.error({ ...context, err: describe(error) }, 'unexpected error');
  return new OAuthError('server_error', 'The server encountered an unexpected error.');
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error)
    return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}
