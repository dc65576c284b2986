import type { OAuthError } from '../errors/oauth-error.js';

/** RFC 6749 §5.1: token responses must not be cached by anyone. */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function errorResponse(error: OAuthError, headers: Record<string, string> = {}): Response {
  return json(error.status, error.toJSON(), { ...headers, ...error.headers });
}

export function noContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers });
}
