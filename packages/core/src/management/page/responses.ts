import { escapeHtml } from './html.js';

/**
 * The Content-Security-Policy of the page: nothing may load but the nonced inline style and
 * script, forms post only to this origin, and no one may frame the page.
 */
export function contentSecurityPolicy(nonce: string | null): string {
  const inline =
    nonce === null ? [] : [`style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`];
  return [
    "default-src 'none'",
    ...inline,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** The headers every answer of the page carries. */
export function pageHeaders(nonce: string | null): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(nonce),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
  };
}

/** An HTML answer with the page's headers. */
export function htmlResponse(
  status: number,
  body: string,
  nonce: string | null,
  headers: Record<string, string | undefined> = {},
): Response {
  const all = new Headers({ 'Content-Type': 'text/html; charset=utf-8', ...pageHeaders(nonce) });
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) all.set(name, value);
  return new Response(body, { status, headers: all });
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Content too large',
  415: 'Unsupported media type',
  500: 'Server error',
  503: 'Service unavailable',
};

/**
 * A minimal HTML error page: the status and the reason, in plain words, and a link back. Never a
 * stack trace.
 */
export function errorPage(
  status: number,
  reason: string,
  pageUrl: string,
  headers: Record<string, string> = {},
): Response {
  const title = `${status} ${REASONS[status] ?? 'Error'}`;
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(reason)}</p><p><a href="${escapeHtml(pageUrl)}">Back to the management page</a></p></main></body></html>
`;
  return htmlResponse(status, body, null, headers);
}

/** POST-redirect-GET: a 303 back to the page, carrying the flash cookie. */
export function seeOther(location: string, setCookie: string): Response {
  return new Response(null, {
    status: 303,
    headers: { Location: location, 'Set-Cookie': setCookie, ...pageHeaders(null) },
  });
}
