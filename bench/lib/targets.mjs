import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_MAIN, startDemo } from '../soak/demo.mjs';

/**
 * The servers under test, each its own process on 127.0.0.1 over plain HTTP, started with the
 * soak's `startDemo` (which stops them by PID) and set up for the benchmark: a user and a public
 * client, and a way to log in.
 */

export const PEER_MAIN = fileURLToPath(new URL('../peer/server.mjs', import.meta.url));
export const BASELINE_MAIN = {
  hono: fileURLToPath(new URL('../baselines/hono.mjs', import.meta.url)),
  express: fileURLToPath(new URL('../baselines/express.mjs', import.meta.url)),
};

/** Where every token endpoint of the benchmark lives (the demo's and the peer's). */
export const TOKEN_PATH = '/oauth/token';
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * @typedef {object} Target
 * @property {string} name e.g. `sentinel-hono`, `peer`, `baseline-express`.
 * @property {number} pid
 * @property {string} base
 * @property {() => Promise<import('../soak/demo.mjs').Rss | null>} rss
 * @property {() => Promise<number | null>} stop
 * @property {() => string} stderr
 * @property {string} clientId Empty for baselines.
 * @property {string} username
 * @property {string} password
 */

/**
 * @typedef {object} StartOptions
 * @property {string} redisUrl
 * @property {string} runId Distinguishes this run's users and Redis keys.
 * @property {string | null} profileDir When set, the process runs with `--cpu-prof` into a
 *   folder of its own under it.
 * @property {string} [demoMain] The demo's built entry point, when not this checkout's (to compare
 *   a change: build another checkout and pass its `apps/demo/dist/main.js`).
 * @property {number} [memoryLogMs] When set, the process logs its heap figures this often
 *   (`memory-log.mjs`).
 * @property {string} [mongoUrl] When set, Sentinel keeps users, clients and tokens in this
 *   MongoDB (a database of this run's own) instead of in memory.
 */

const CPU_PROFILE = new URL('./cpu-profile.mjs', import.meta.url).href;
const MEMORY_LOG = new URL('./memory-log.mjs', import.meta.url).href;

/**
 * NODE_OPTIONS and the variables for the profile and the memory log a process is asked for.
 *
 * @param {StartOptions} options
 * @param {string} name
 * @returns {Record<string, string>}
 */
function preloadEnv(options, name) {
  const env = profileEnv(options.profileDir, name);
  if (options.memoryLogMs === undefined) return env;
  const existing = env.NODE_OPTIONS ?? process.env.NODE_OPTIONS ?? '';
  return {
    ...env,
    NODE_OPTIONS: `${existing} --import=${MEMORY_LOG}`.trim(),
    BENCH_MEMORY_LOG_MS: String(options.memoryLogMs),
  };
}

/**
 * A CPU profile of a process, through NODE_OPTIONS: Node 20 refuses `--cpu-prof` there, so
 * `--import` a preload that does what it does (`cpu-profile.mjs`).
 *
 * @param {string | null} profileDir
 * @param {string} name
 * @returns {Record<string, string>}
 */
function profileEnv(profileDir, name) {
  if (profileDir === null) return {};
  const dir = join(profileDir, name);
  mkdirSync(dir, { recursive: true });
  const existing = process.env.NODE_OPTIONS ?? '';
  return {
    NODE_OPTIONS: `${existing} --import=${CPU_PROFILE}`.trim(),
    BENCH_CPU_PROF_DIR: dir,
  };
}

/**
 * The demo on `binding`, its users, clients and tokens in memory and its token cache and attempt
 * limiter in Redis, with bcrypt at `cost`; a user and a public client made through the
 * management API. The attempt limits are raised out of reach: the benchmark only logs in with
 * the right password, but other tests on the same Redis fail logins from 127.0.0.1.
 *
 * @param {'hono' | 'express'} binding
 * @param {number} cost
 * @param {StartOptions} options
 * @returns {Promise<Target>}
 */
export async function startSentinel(binding, cost, options) {
  const name = `sentinel-${binding}-cost${cost}`;
  const admin = { username: 'bench-admin', password: randomBytes(18).toString('base64url') };
  const demo = await startDemo(
    {
      SENTINEL_HTTP: binding,
      SENTINEL_REDIS_URL: options.redisUrl,
      SENTINEL_BCRYPT_COST: String(cost),
      SENTINEL_MANAGEMENT_USERNAME: admin.username,
      SENTINEL_MANAGEMENT_PASSWORD: admin.password,
      SENTINEL_LIMIT_USER_IP_FAILURES: '1000000000',
      SENTINEL_LIMIT_IP_FAILURES: '1000000000',
      ...(options.mongoUrl === undefined
        ? {}
        : {
            SENTINEL_MONGO_URI: options.mongoUrl,
            SENTINEL_MONGO_DBNAME: `bench_${options.runId}`,
          }),
      ...preloadEnv(options, name),
    },
    20_000,
    options.demoMain ?? DEMO_MAIN,
  );
  try {
    const auth = `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`;
    const headers = { authorization: auth, 'content-type': 'application/json' };
    const api = `${demo.base}/oauth/management/api`;
    const user = {
      username: `bench-${options.runId}-${binding}-${cost}`,
      password: randomBytes(12).toString('base64url'),
    };
    const created = await fetch(`${api}/users`, {
      method: 'POST',
      headers,
      body: JSON.stringify(user),
    });
    if (created.status !== 201) {
      throw new Error(`creating a user: ${created.status} ${await created.text()}`);
    }
    const client = await fetch(`${api}/clients`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type: 'public', name: 'Bench' }),
    });
    if (client.status !== 201) {
      throw new Error(`creating a client: ${client.status} ${await client.text()}`);
    }
    const { client_id: clientId } = /** @type {{ client_id: string }} */ (await client.json());
    return { name, ...demo, clientId, username: user.username, password: user.password };
  } catch (error) {
    await demo.stop();
    throw error;
  }
}

/**
 * The peer (`bench/peer`), its tokens in Redis under this run's prefix, its user hashed at
 * `cost`.
 *
 * @param {number} cost
 * @param {StartOptions} options
 * @returns {Promise<Target>}
 */
export async function startPeer(cost, options) {
  const name = `peer-cost${cost}`;
  const user = {
    username: `bench-${options.runId}-peer-${cost}`,
    password: randomBytes(12).toString('base64url'),
  };
  const clientId = `bench-peer-${randomBytes(8).toString('hex')}`;
  const peer = await startDemo(
    {
      REDIS_URL: options.redisUrl,
      PEER_PREFIX: `bench:${options.runId}:peer:`,
      PEER_CLIENT_ID: clientId,
      PEER_USERNAME: user.username,
      PEER_PASSWORD: user.password,
      PEER_BCRYPT_COST: String(cost),
      ...profileEnv(options.profileDir, name),
    },
    20_000,
    PEER_MAIN,
  );
  return { name, ...peer, clientId, username: user.username, password: user.password };
}

/**
 * A baseline server (`bench/baselines`), reading `key` from Redis on `GET /redis`.
 *
 * @param {'hono' | 'express'} framework
 * @param {string} key
 * @param {StartOptions} options
 * @returns {Promise<Target>}
 */
export async function startBaseline(framework, key, options) {
  const name = `baseline-${framework}`;
  const server = await startDemo(
    {
      REDIS_URL: options.redisUrl,
      BASELINE_KEY: key,
      ...profileEnv(options.profileDir, name),
    },
    20_000,
    BASELINE_MAIN[framework],
  );
  return { name, ...server, clientId: '', username: '', password: '' };
}

/**
 * The password grant's form for a target's user.
 *
 * @param {Target} target
 */
export function passwordForm(target) {
  return new URLSearchParams({
    grant_type: 'password',
    client_id: target.clientId,
    username: target.username,
    password: target.password,
  }).toString();
}

/**
 * Logs in `count` times (`parallel` at a time) and returns the tokens.
 *
 * @param {Target} target
 * @param {number} count
 * @param {number} [parallel]
 * @returns {Promise<{ access: string, refresh: string }[]>}
 */
export async function logIn(target, count, parallel = 4) {
  /** @type {{ access: string, refresh: string }[]} */
  const tokens = [];
  const body = passwordForm(target);
  const one = async () => {
    const answer = await fetch(`${target.base}${TOKEN_PATH}`, {
      method: 'POST',
      headers: FORM,
      body,
    });
    const text = await answer.text();
    if (answer.status !== 200) throw new Error(`${target.name}: login ${answer.status} ${text}`);
    const json = /** @type {{ access_token: string, refresh_token: string }} */ (JSON.parse(text));
    tokens.push({ access: json.access_token, refresh: json.refresh_token });
  };
  let left = count;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (left > 0) {
        left -= 1;
        await one();
      }
    }),
  );
  return tokens;
}
