import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * @typedef {object} Answer
 * @property {number} status
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {string} text
 * @property {number} sentAt Date.now() just before the request was sent.
 * @property {number} receivedAt Date.now() once the whole answer was read.
 * @property {number} ms Latency, from performance.now().
 */

/**
 * @typedef {object} HttpClient
 * @property {(method: string, path: string, options?: { headers?: Record<string, string>, body?: string }) => Promise<Answer>} send
 *   Rejects on a transport error or when no answer came within the timeout.
 * @property {() => void} close
 */

/**
 * A keep-alive HTTP client for one base URL on 127.0.0.1.
 *
 * @param {object} options
 * @param {string} options.base Must be `http://127.0.0.1:<port>`.
 * @param {number} options.maxSockets
 * @param {number} options.timeoutMs Per request.
 * @param {string} [options.localAddress] Source address (another 127.x address, see `soakAddress`).
 * @returns {HttpClient}
 */
export function createClient({ base, maxSockets, timeoutMs, localAddress }) {
  const url = new URL(base);
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1') {
    throw new Error(`the soak only talks to http://127.0.0.1, not ${base}`);
  }
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    send(method, path, options = {}) {
      const { headers = {}, body } = options;
      return new Promise((resolve, reject) => {
        const sentAt = Date.now();
        const started = performance.now();
        const req = request(
          {
            agent,
            host: '127.0.0.1',
            port: Number(url.port),
            method,
            path,
            localAddress,
            headers:
              body === undefined
                ? headers
                : { ...headers, 'Content-Length': Buffer.byteLength(body) },
          },
          (res) => {
            /** @type {Buffer[]} */
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                text: Buffer.concat(chunks).toString('utf8'),
                sentAt,
                receivedAt: Date.now(),
                ms: performance.now() - started,
              }),
            );
          },
        );
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

/**
 * A source address for the soak's connections: a random 127.0.0.x on Linux, where the whole of
 * 127/8 is the loopback, so that the demo's per-IP brute-force counters (shared in Redis) are
 * the soak's own and not those of tests that fail logins from 127.0.0.1 on the same Redis.
 * Elsewhere the system's choice (127.0.0.1).
 *
 * @returns {string | undefined}
 */
export function soakAddress() {
  if (process.platform !== 'linux') return undefined;
  return `127.0.0.${2 + Math.floor(Math.random() * 250)}`;
}
