import type { IncomingMessage } from 'node:http';
import { formEncode } from './form-encoding.js';

/** A request as a body parser leaves it: what it made of the body on `body`. */
export type ParsedRequest = IncomingMessage & { body?: unknown };

/**
 * Whether something before Sentinel (the host app's `express.json()` or `express.urlencoded()`)
 * already read the request body. body-parser 2, which Express 5 ships, sets no flag for this
 * (body-parser 1 set `req._body`): it skips a request whose stream has finished, by on-finished's
 * test that the message is complete and no longer readable. This is that test, together with
 * `readableEnded`, so any reader of the stream counts, not just body-parser.
 */
export function bodyWasRead(req: IncomingMessage): boolean {
  return req.readableEnded || (req.complete && !req.readable);
}

/** The media type of a request, lower-cased and without parameters; '' when absent. */
function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

const utf8 = new TextEncoder();

/**
 * A body equivalent to the one a parser consumed, rebuilt from `req.body`: bytes as they are
 * (`express.raw()`), text in UTF-8 (`express.text()`), a parsed form re-encoded (see
 * `formEncode`), and anything else (`express.json()`) serialized as JSON. Empty when nothing was
 * kept.
 */
export function rebuiltBody(req: ParsedRequest): Uint8Array {
  const { body } = req;
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return utf8.encode(body);
  if (mediaType(req) === 'application/x-www-form-urlencoded') return utf8.encode(formEncode(body));
  return utf8.encode(JSON.stringify(body));
}
