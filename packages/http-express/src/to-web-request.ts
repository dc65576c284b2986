import type { IncomingMessage } from 'node:http';
import { declaredSmallBodyLength, headersFromRaw } from '@sentinel/core';
import type { Request as ExpressRequest } from 'express';
import { bodyStream, readDeclaredBody } from './body-stream.js';
import { bodyWasRead, rebuiltBody } from './parsed-body.js';

/** Methods whose Web Request may not have a body. */
const BODILESS = new Set(['GET', 'HEAD']);

/**
 * A TRACE request as a Web `Request`, which Fetch refuses to build for that method: a bodiless
 * Request whose `method` reads TRACE, so the core answers it as it answers any method a route
 * does not take (405 with `Allow`), as it does under @hono/node-server. CONNECT and TRACK never
 * get here: Node hands CONNECT to the server's 'connect' event and refuses TRACK in its parser.
 */
function traceRequest(url: string, headers: Headers): Request {
  const request = new Request(url, { method: 'GET', headers });
  Object.defineProperty(request, 'method', { value: 'TRACE' });
  return request;
}

/**
 * The absolute URL of the request: Express's protocol and host (which follow the app's
 * `trust proxy` setting) and the URL as received, before any mount path was stripped.
 */
export function requestUrl(req: ExpressRequest): string {
  return `${req.protocol}://${req.host || 'localhost'}${req.originalUrl}`;
}

/** The declared body length when it is one to read at once (at most the core's cap), else null. */
function smallDeclaredLength(req: IncomingMessage): number | null {
  if (req.headers['transfer-encoding'] !== undefined) return null;
  return declaredSmallBodyLength(req.headers['content-length']);
}

/**
 * The Web `Request` the core reads: same method, URL and headers, and the body. A body of
 * declared length up to the core's cap is read first and passed as bytes; any other body (chunked,
 * or too large, which the core refuses by its length without reading it) as a stream. When a body
 * parser of the host app has already read the stream, the body is rebuilt from `req.body`, with
 * a `Content-Length` that fits it and without the `Content-Encoding` the parser undid. Resolves
 * null when the client went away before its body was complete: there is no one to answer.
 */
export async function toWebRequest(req: ExpressRequest): Promise<Request | null> {
  const headers = headersFromRaw(req.rawHeaders);
  if (req.method === 'TRACE') return traceRequest(requestUrl(req), headers);
  const init: RequestInit = { method: req.method, headers };
  if (!BODILESS.has(req.method)) {
    const declared = smallDeclaredLength(req);
    if (bodyWasRead(req)) {
      const bytes = rebuiltBody(req);
      headers.set('Content-Length', String(bytes.byteLength));
      headers.delete('Content-Encoding');
      headers.delete('Transfer-Encoding');
      init.body = bytes;
    } else if (declared !== null) {
      const bytes = await readDeclaredBody(req, declared);
      if (bytes === null) return null;
      init.body = bytes;
    } else {
      init.body = bodyStream(req);
      init.duplex = 'half';
    }
  }
  return new Request(requestUrl(req), init);
}
