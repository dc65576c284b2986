/**
 * Reading a request's headers from a flat `[name, value, name, value, …]` list, as Node's
 * `IncomingMessage.rawHeaders` gives them, the way a Web `Headers` would read them. The bindings
 * use these to hand the core a Request, and to check a Bearer token, without building a
 * `Headers` object of every header first. HTTP/2 pseudo-headers (`:path`, …) are left out.
 */

/** What a Web `Headers` strips from both ends of a value (Fetch: HTTP whitespace). */
const HTTP_WHITESPACE_AROUND = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/** Every header, repeated ones appended (so that `get` joins them with ", "). */
export function headersFromRaw(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (!name.startsWith(':')) headers.append(name, raw[i + 1] as string);
  }
  return headers;
}

/**
 * The Authorization header as `headersFromRaw(raw).get('authorization')` reads it: repeated ones
 * joined with ", " (which a Bearer check then refuses as malformed), each trimmed; null without
 * one.
 */
export function authorizationFromRaw(raw: readonly string[]): string | null {
  let value: string | null = null;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length !== 13 || name.toLowerCase() !== 'authorization') continue;
    const part = (raw[i + 1] as string).replace(HTTP_WHITESPACE_AROUND, '');
    value = value === null ? part : `${value}, ${part}`;
  }
  return value;
}
