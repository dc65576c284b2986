/**
 * Every error code Sentinel answers with, grouped by where it is defined. The management API's
 * two codes are Sentinel's own; every other one is an RFC's.
 */
export type OAuthErrorCode =
  // RFC 6749 §5.2 (token endpoint)
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  // RFC 6749 §4.1.2.1, used here for a server that cannot answer now (store down, rate limited)
  | 'server_error'
  | 'temporarily_unavailable'
  // RFC 6750 §3.1 (protected resources)
  | 'invalid_token'
  | 'insufficient_scope'
  // Sentinel's management API
  | 'not_found'
  | 'conflict';

const DEFAULT_STATUS: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  server_error: 500,
  temporarily_unavailable: 503,
  invalid_token: 401,
  insufficient_scope: 403,
  not_found: 404,
  conflict: 409,
};

export interface OAuthErrorOptions {
  /** HTTP status; defaults to the one RFC 6749 §5.2 (or the code's own RFC) gives the code. */
  status?: number;
  /** Extra response headers, such as `WWW-Authenticate` or `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** An error the client may see: an RFC error code, a description and an HTTP status. */
export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: OAuthErrorCode, description: string, options: OAuthErrorOptions = {}) {
    super(description, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OAuthError';
    this.code = code;
    this.status = options.status ?? DEFAULT_STATUS[code];
    this.headers = options.headers ?? {};
  }

  /** The RFC 6749 §5.2 body. */
  toJSON(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.code, error_description: this.message };
  }
}

/**
 * Thrown by adapters when their server cannot be reached, so the core answers 503 with
 * `Retry-After` instead of 500. Adapters may also throw any error whose `name` is one of the
 * driver's network or timeout errors; see `isUnavailable`.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
