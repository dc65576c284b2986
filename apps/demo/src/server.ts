import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Sentinel } from '@sentinel/core';
import { demoApp } from './app.js';
import { demoExpressApp } from './express-app.js';
import type { TlsMaterial } from './tls.js';

export type Binding = 'hono' | 'express';

/** The demo app on the chosen binding, as a plain Node request listener. */
export function requestListener(binding: Binding, core: Sentinel): RequestListener {
  if (binding === 'express') return demoExpressApp(core);
  return getRequestListener(demoApp(core).fetch);
}

/** Starts an HTTPS server (or HTTP when `tls` is null) and resolves once it listens. */
export async function listen(
  listener: RequestListener,
  tls: TlsMaterial | null,
  port: number,
  host: string,
): Promise<{ server: Server; address: AddressInfo }> {
  const server: Server =
    tls === null
      ? createHttpServer(listener)
      : createHttpsServer({ key: tls.key, cert: tls.cert }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, address: server.address() as AddressInfo };
}
