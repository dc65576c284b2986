/** What the demo's `/endpoint` answers: the baselines answer the same bytes. */
export const PROTECTED_MESSAGE = 'You made it through and accessed the protected resource!';

/** @param {string} name */
export function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

/**
 * Listens on HOST:PORT (127.0.0.1 and a free port by default), prints
 * `<name> listening on http://<host>:<port>`, and stops cleanly on SIGTERM or SIGINT.
 *
 * @param {string} name
 * @param {import('node:http').Server} server
 * @param {() => void} close Releases what the server holds (its Redis connection).
 */
export function listenAndServe(name, server, close) {
  const host = process.env.HOST ?? '127.0.0.1';
  server.listen(Number(process.env.PORT ?? '0'), host, () => {
    const address = /** @type {import('node:net').AddressInfo} */ (server.address());
    process.stdout.write(`${name} listening on http://${host}:${address.port}\n`);
  });
  const stop = () => {
    server.close(() => {
      close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
