import { once } from 'node:events';
import type { IncomingMessage, OutgoingHttpHeaders, RequestListener } from 'node:http';
import { Agent, createServer, request as httpsRequest, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { certificate } from './tls.js';

/** An app listening on 127.0.0.1 over HTTPS, reached with Web Requests. */
export interface Served {
  /** Sends the request to the server and answers its response as a Web Response. */
  fetch(request: Request): Promise<Response>;
  /** Opens a raw request to the server, for tests that write the body themselves. */
  open(options: RawRequest): Promise<ReturnType<typeof httpsRequest>>;
  close(): Promise<void>;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: OutgoingHttpHeaders;
}

/** Statuses whose Web Response must have no body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

const running = new Set<Served>();

/** Closes every server still open: the conformance suite never calls `close()` itself. */
export async function closeAll(): Promise<void> {
  await Promise.all([...running].map((served) => served.close()));
}

/** Reads a Node response into a Web Response, every header line kept. */
export function toResponse(res: IncomingMessage, method: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', reject);
    res.on('end', () => {
      const headers = new Headers();
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
        headers.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
      }
      const status = res.statusCode ?? 0;
      const body = NULL_BODY.has(status) || method === 'HEAD' ? null : Buffer.concat(chunks);
      resolve(new Response(body, { status, statusText: res.statusMessage ?? '', headers }));
    });
  });
}

/**
 * Starts `listener` on 127.0.0.1, port 0, over HTTPS. Requests keep the host of their URL
 * (`sentinel.test`) in the Host header and their scheme (https), so the URL an app sees is the
 * one the test wrote, as on Hono's in-process `app.request`.
 */
export function serve(listener: RequestListener): Served {
  const agent = new Agent({ keepAlive: true, rejectUnauthorized: false });
  const ready = certificate().then(async (tls): Promise<Server> => {
    // Node answers 431 itself past 16 KiB of request line and headers; the fuzz suite generates
    // longer paths, which should reach the app as they do on Hono's in-process `app.request`.
    const server = createServer({ ...tls, maxHeaderSize: 1024 * 1024 }, listener);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return server;
  });
  const port = async () => ((await ready).address() as AddressInfo).port;

  const open = async ({ method, path, headers = {} }: RawRequest) =>
    httpsRequest({ host: '127.0.0.1', port: await port(), method, path, headers, agent });

  const served: Served = {
    open,
    async fetch(request) {
      const url = new URL(request.url);
      const headers: OutgoingHttpHeaders = Object.fromEntries(request.headers);
      headers.host = url.host;
      const body = request.body === null ? null : Buffer.from(await request.arrayBuffer());
      if (body !== null) headers['content-length'] = body.byteLength;
      const req = await open({ method: request.method, path: url.pathname + url.search, headers });
      const answer = once(req, 'response') as Promise<[IncomingMessage]>;
      req.end(body ?? undefined);
      const [res] = await answer;
      return toResponse(res, request.method);
    },
    async close() {
      running.delete(served);
      agent.destroy();
      const server = await ready;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  running.add(served);
  return served;
}
