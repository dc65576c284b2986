import type { TrustedFetch } from './harness.js';

/** What a client sent, without secrets: enough to tell which authentication method it used. */
export interface SentRequest {
  readonly method: string;
  readonly path: string;
  /** `basic <client_id>`, `bearer`, or `none`. */
  readonly authorization: string;
  /** The names of the form parameters, sorted. */
  readonly params: readonly string[];
}

/** Wraps a fetch so that every request's shape is kept in `sent`. */
export function recordingFetch(inner: TrustedFetch): {
  fetch: TrustedFetch;
  sent: SentRequest[];
} {
  const sent: SentRequest[] = [];
  const fetch: TrustedFetch = (url, init) => {
    sent.push({
      method: init?.method ?? 'GET',
      path: new URL(url).pathname,
      authorization: describeAuthorization(new Headers(init?.headers).get('authorization')),
      params: formParams(init?.body),
    });
    return inner(url, init);
  };
  return { fetch, sent };
}

function describeAuthorization(header: string | null): string {
  if (header === null) return 'none';
  const [scheme = '', value = ''] = header.split(' ');
  if (scheme.toLowerCase() !== 'basic') return scheme.toLowerCase();
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return `basic ${decodeURIComponent(decoded.slice(0, decoded.indexOf(':')))}`;
}

function formParams(body: unknown): string[] {
  if (body instanceof URLSearchParams) return [...new Set(body.keys())].sort();
  if (typeof body === 'string') return [...new Set(new URLSearchParams(body).keys())].sort();
  return [];
}
