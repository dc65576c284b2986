import { createConnection, createServer, type Server } from 'node:net';
import { waitFor } from './wait.js';

/** Every server a test starts listens on this address only. */
export const HOST = '127.0.0.1';

function listenOnAnyPort(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

/**
 * `count` distinct ports on which nothing listened a moment ago. The OS picks them for `count`
 * listeners held open together (so none repeats), which are then closed.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  try {
    return await Promise.all(servers.map(listenOnAnyPort));
  } finally {
    await Promise.all(
      servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
    );
  }
}

/** One port on which nothing listened a moment ago. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error('the OS gave no free port');
  return port;
}

/** Whether something accepts TCP connections on the port right now. */
export function isPortOpen(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    const settle = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => settle(false));
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
  });
}

/** Resolves once the port accepts connections; rejects after `timeoutMs`. */
export function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  return waitFor(`port ${port} to accept connections`, () => isPortOpen(port), timeoutMs);
}
