/**
 * Checks where a form post comes from: `Origin`, when present, must equal the request's own
 * origin; without it, `Referer`'s origin must. A request with neither is refused, as is
 * `Origin: null` (sandboxed or privacy-stripped contexts). Returns the reason for a refusal, or
 * null when the post is same-origin.
 *
 * The request's origin is taken from its URL, as the binding built it: behind a TLS-terminating
 * proxy the binding must see the public scheme and host, or every post is refused.
 */
export function crossOriginReason(request: Request): string | null {
  const own = new URL(request.url).origin;
  const origin = request.headers.get('origin');
  if (origin !== null) {
    return origin === own ? null : 'The form was posted from another origin.';
  }
  const referer = request.headers.get('referer');
  if (referer === null) return 'The request has neither an Origin nor a Referer header.';
  let from: string;
  try {
    from = new URL(referer).origin;
  } catch {
    return 'The Referer header is not a valid URL.';
  }
  return from === own ? null : 'The form was posted from another origin.';
}
