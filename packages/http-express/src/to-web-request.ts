import type { IncomingMessage } from 'node:http';
import type { Request as ExpressRequest } from 'express';
import { bodyStream } from './body-stream.js';
import { bodyWasRead, rebuiltBody } from './parsed-body.js';

/** Methods whose Web Request may not have a body. */
const BODILESS = new Set(['GET', 'HEAD']);

/**
 * The request's headers as the client sent them, repeated ones included (appended, so a Web
 * `Headers` joins them with ", "). HTTP/2 pseudo-headers are left out.
 */
export function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (!name.startsWith(':')) headers.append(name, raw[i + 1] as string);
  }
  return headers;
}

/**
 * The absolute URL of the request: Express's protocol and host (which follow the app's
 * `trust proxy` setting) and the URL as received, before any mount path was stripped.
 */
export function requestUrl(req: ExpressRequest): string {
  return `${req.protocol}://${req.host || 'localhost'}${req.originalUrl}`;
}

/**
 * The Web `Request` the core reads: same method, URL and headers, and the body as a stream. When
 * a body parser of the host app has already read the stream, the body is rebuilt from `req.body`,
 * with a `Content-Length` that fits it and without the `Content-Encoding` the parser undid.
 */
export function toWebRequest(req: ExpressRequest): Request {
  const headers = webHeaders(req);
  const init: RequestInit = { method: req.method, headers };
  if (!BODILESS.has(req.method)) {
    if (bodyWasRead(req)) {
      const bytes = rebuiltBody(req);
      headers.set('Content-Length', String(bytes.byteLength));
      headers.delete('Content-Encoding');
      headers.delete('Transfer-Encoding');
      init.body = bytes;
    } else {
      init.body = bodyStream(req);
      init.duplex = 'half';
    }
  }
  return new Request(requestUrl(req), init);
}
