import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./load-worker.mjs', import.meta.url));

/**
 * @typedef {import('./load-worker.mjs').LoadSpec} LoadSpec
 * @typedef {import('./load-worker.mjs').LoadResult} LoadResult
 */

/**
 * @typedef {object} RunningLoad
 * @property {Promise<LoadResult>} done
 * @property {() => void} stop Ends the load early; `done` then resolves with what it measured.
 */

/**
 * Starts an autocannon run in a child process of its own (`load-worker.mjs`).
 *
 * @param {LoadSpec} spec
 * @returns {RunningLoad}
 */
export function startLoad(spec) {
  const child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  /** @type {Promise<LoadResult>} */
  const done = new Promise((resolve, reject) => {
    let settled = false;
    child.once('message', (/** @type {{ result?: LoadResult, error?: string }} */ message) => {
      settled = true;
      if (message.result) resolve(message.result);
      else reject(new Error(`load: ${message.error ?? 'no result'}`));
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`the load process exited with ${code} before answering`));
    });
  });
  child.send(spec);
  return {
    done,
    stop: () => {
      if (child.connected) child.send('stop');
    },
  };
}

/**
 * @param {LoadSpec} spec
 * @returns {Promise<LoadResult>}
 */
export function runLoad(spec) {
  return startLoad(spec).done;
}
