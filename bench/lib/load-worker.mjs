import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

/**
 * One autocannon run, in its own process (forked by `load.mjs`), so that concurrent loads do
 * not share an event loop with each other or with the runner. Receives a `LoadSpec` as its
 * first IPC message, may receive `'stop'` to end early, and answers with a `LoadResult`.
 *
 * Latencies are taken from autocannon's `response` events, which carry the float milliseconds
 * (its own histogram keeps whole milliseconds only), for 2xx answers as autocannon does.
 */

/**
 * @typedef {object} LoadSpec
 * @property {string} url Base URL, `http://127.0.0.1:<port>`.
 * @property {string} path
 * @property {'GET' | 'POST'} method
 * @property {Record<string, string>} headers
 * @property {string} [body]
 * @property {number} connections
 * @property {number} durationS
 * @property {number} timeoutS Per request.
 * @property {number} [overallRate] Requests per second across all connections (autocannon's).
 * @property {{ clientId: string, tokens: string[] }} [refresh] Refresh-token chains: each
 *   request spends a token from the pool and the answer's new refresh token goes back in it.
 */

/**
 * @typedef {object} LoadResult
 * @property {number} ok 2xx answers.
 * @property {number} non2xx
 * @property {number} errors Transport errors (autocannon's `errors`, timeouts included).
 * @property {number} timeouts
 * @property {number} elapsedS
 * @property {number} rps 2xx answers per second.
 * @property {number} p50Ms
 * @property {number} p99Ms
 * @property {number} maxMs
 * @property {Record<string, number>} statuses
 * @property {number} cpuS CPU time this load generator spent, seconds.
 */

/**
 * @param {Float64Array} sorted
 * @param {number} q
 */
function quantile(sorted, q) {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

/**
 * @param {LoadSpec} spec
 * @param {(stop: () => void) => void} onStart
 * @returns {Promise<LoadResult>}
 */
export function runLoad(spec, onStart = () => {}) {
  /** @type {number[]} */
  const latencies = [];
  /** @type {Record<string, number>} */
  const statuses = {};
  /** @type {import('autocannon').Request} */
  const request = {
    method: spec.method,
    path: spec.path,
    headers: spec.headers,
    ...(spec.body === undefined ? {} : { body: spec.body }),
  };
  const chain = spec.refresh;
  if (chain !== undefined) {
    const pool = [...chain.tokens];
    const form = (/** @type {string} */ token) =>
      `grant_type=refresh_token&client_id=${encodeURIComponent(chain.clientId)}` +
      `&refresh_token=${encodeURIComponent(token)}`;
    request.setupRequest = (req) => {
      const token = pool.shift();
      // An empty pool means chains broke (refused refreshes): send a request that fails, so
      // that it is counted, rather than stall the connection.
      return { ...req, body: form(token ?? 'pool-exhausted') };
    };
    request.onResponse = (status, body) => {
      if (status !== 200) return;
      const answer = /** @type {{ refresh_token?: string }} */ (JSON.parse(body));
      if (answer.refresh_token) pool.push(answer.refresh_token);
    };
  }
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.durationS,
        pipelining: 1,
        timeout: spec.timeoutS,
        requests: [request],
        ...(spec.overallRate === undefined ? {} : { overallRate: spec.overallRate }),
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const elapsedS = (performance.now() - started) / 1000;
        const sorted = Float64Array.from(latencies).sort();
        const ok = latencies.length;
        resolve({
          ok,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          elapsedS,
          rps: ok / elapsedS,
          p50Ms: quantile(sorted, 0.5),
          p99Ms: quantile(sorted, 0.99),
          maxMs: sorted.length === 0 ? 0 : (sorted[sorted.length - 1] ?? 0),
          statuses,
          cpuS: (() => {
            const used = process.cpuUsage(cpuBefore);
            return (used.user + used.system) / 1e6;
          })(),
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
    onStart(() => instance.stop());
  });
}

// Forked by load.mjs: one spec in, one result out.
if (process.send !== undefined) {
  /** @type {(() => void) | null} */
  let stop = null;
  let stopRequested = false;
  process.on('message', (/** @type {unknown} */ message) => {
    if (message === 'stop') {
      stopRequested = true;
      stop?.();
      return;
    }
    runLoad(/** @type {LoadSpec} */ (message), (s) => {
      stop = s;
      if (stopRequested) s();
    }).then(
      (result) => process.send?.({ result }, () => process.exit(0)),
      (error) =>
        process.send?.({ error: error instanceof Error ? error.message : String(error) }, () =>
          process.exit(1),
        ),
    );
  });
}
