import { randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { createClient, soakAddress } from './client.mjs';
import { startDemo } from './demo.mjs';
import { Ledger } from './ledger.mjs';

/**
 * The soak: mixed load against the demo on MongoDB and Redis, checking every verification
 * answer against what the ledger says about the token (see `ledger.mjs`).
 *
 * Each virtual user loops over one login's life: log in, verify the access token, refresh it
 * (the new one must verify, the old one must be refused: rotation revokes it) a few times,
 * verify a couple of tokens drawn from everything issued so far (live, rotated, revoked or
 * expired), and every `revokeEvery`-th login revoke it through RFC 7009 with its refresh token,
 * after which the access token must be refused and the refresh token must get invalid_grant.
 * The loops stop by themselves at the deadline or after `maxRequests` requests in all.
 */

/** @typedef {'login' | 'verify' | 'refresh' | 'revoke'} Operation */
export const OPERATIONS = /** @type {const} */ (['login', 'verify', 'refresh', 'revoke']);

const PROTECTED_MESSAGE = 'You made it through and accessed the protected resource!';
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const MAX_FAILURES_KEPT = 20;

/**
 * @typedef {object} SoakOptions
 * @property {string} mongoUrl MongoDB (or FerretDB) URL; the soak uses a fresh database in it.
 * @property {string} redisUrl
 * @property {number} [seconds] How long the load runs. Default 60.
 * @property {number} [vus] Concurrent virtual users. Default 16.
 * @property {number} [users] Users created (virtual users share them). Default 8.
 * @property {number} [cost] bcrypt cost of the demo (`SENTINEL_BCRYPT_COST`). Default 12.
 * @property {number} [tokenLifetime] Access token lifetime, seconds, so that tokens expire
 *   during the run. Default 20.
 * @property {number} [verifies] Verifications of each new access token. Default 3.
 * @property {number} [refreshes] Rotations per login. Default 2.
 * @property {number} [samples] Verifications of tokens drawn from the ledger per login. Default 2.
 * @property {number} [revokeEvery] Every n-th login of a virtual user is revoked. Default 3.
 * @property {number} [maxRequests] Cap on requests in all. Default 5,000 per second of run.
 * @property {number} [requestTimeoutMs] Default 30,000: at bcrypt cost 12 on a small machine,
 *   logins queue for the hashing threads for seconds.
 * @property {number} [seed] For the random draws. Default: random.
 * @property {(line: string) => void} [log] Progress lines. Default: none.
 */

/**
 * @typedef {object} OperationFigures
 * @property {number} count
 * @property {number} perSecond
 * @property {number} p50Ms
 * @property {number} p99Ms
 * @property {number} maxMs
 * @property {Record<string, number>} statuses
 */

/**
 * @typedef {object} Failure
 * @property {'5xx' | 'mismatch' | 'unexpected' | 'transport'} kind
 * @property {Operation} operation
 * @property {number} [status]
 * @property {string} detail
 * @property {number} atSecond Since the load started.
 */

/**
 * @typedef {object} SoakSummary
 * @property {boolean} ok No 5xx, no mismatch, no unexpected answer, no transport error.
 * @property {string} startedAt ISO date.
 * @property {{ node: string, cpus: number, platform: string, loadAverage: number }} machine
 *   `loadAverage` is the 1-minute load average when the run started: other work on the machine.
 * @property {Required<Omit<SoakOptions, 'mongoUrl' | 'redisUrl' | 'log' | 'seed'>> & { seed: number, clientAddress: string }} settings
 * @property {number} elapsedSeconds Of the load, setup excluded.
 * @property {Record<Operation, OperationFigures>} operations
 * @property {{ requests: number, perSecond: number, fiveXx: number, mismatches: number, unexpected: number, transportErrors: number }} totals
 * @property {{ live: number, revoked: number, expired: number, indeterminate: number, refusedRefresh: number }} checks
 *   Verifications judged against the ledger, by verdict (`live` had to answer 200, `revoked`
 *   and `expired` 401), those that could not be judged, and refresh tokens confirmed refused
 *   after a revocation.
 * @property {number} tokensIssued
 * @property {{ start: number | null, middle: number | null, end: number | null, peak: number | null }} rssMb
 *   The demo's VmRSS when the load starts, half-way and at the end, and its VmHWM at the end.
 * @property {Failure[]} failures The first few, with details.
 * @property {string} demoLog The demo's last log lines (warnings and errors), when not ok.
 */

/**
 * Starts the demo, runs the load, stops the demo, and returns the figures. Rejects only when the
 * demo cannot be started or set up; failures under load are in the summary.
 *
 * @param {SoakOptions} options
 * @returns {Promise<SoakSummary>}
 */
export async function runSoak(options) {
  const settings = {
    seconds: options.seconds ?? 60,
    vus: options.vus ?? 16,
    users: options.users ?? 8,
    cost: options.cost ?? 12,
    tokenLifetime: options.tokenLifetime ?? 20,
    verifies: options.verifies ?? 3,
    refreshes: options.refreshes ?? 2,
    samples: options.samples ?? 2,
    revokeEvery: options.revokeEvery ?? 3,
    maxRequests: options.maxRequests ?? Math.ceil((options.seconds ?? 60) * 5000),
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    seed: options.seed ?? randomBytes(4).readUInt32LE(0),
    clientAddress: soakAddress() ?? '127.0.0.1',
  };
  const log = options.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const loadAverage = round(loadavg()[0] ?? 0);
  const admin = { username: 'soak-admin', password: randomBytes(18).toString('base64url') };
  const database = `soak_${Date.now().toString(36)}_${randomUUID().slice(0, 8)}`;

  const demo = await startDemo({
    SENTINEL_MONGO_URI: options.mongoUrl,
    SENTINEL_MONGO_DBNAME: database,
    SENTINEL_REDIS_URL: options.redisUrl,
    SENTINEL_BCRYPT_COST: String(settings.cost),
    SENTINEL_TOKEN_EXPIRES_IN: String(settings.tokenLifetime),
    SENTINEL_MANAGEMENT_USERNAME: admin.username,
    SENTINEL_MANAGEMENT_PASSWORD: admin.password,
  });
  const http = createClient({
    base: demo.base,
    maxSockets: settings.vus + 4,
    timeoutMs: settings.requestTimeoutMs,
    localAddress: settings.clientAddress === '127.0.0.1' ? undefined : settings.clientAddress,
  });
  try {
    log(`demo pid ${demo.pid} on ${demo.base}, database ${database}`);
    const { clientId, users } = await setUp(http, admin, settings.users);
    log(`${users.length} users and client ${clientId} created; load for ${settings.seconds} s`);
    const load = new Load(http, clientId, settings);
    const rssStart = await demo.rss();
    const middle = delay(settings.seconds * 500, undefined, { ref: false }).then(() => demo.rss());
    const elapsed = await load.run(users);
    const rssEnd = await demo.rss();
    const rssMiddle = await middle;
    const summary = load.summary(elapsed, {
      start: rssStart?.rssMb ?? null,
      middle: rssMiddle?.rssMb ?? null,
      end: rssEnd?.rssMb ?? null,
      peak: rssEnd?.peakMb ?? null,
    });
    return {
      ...summary,
      startedAt,
      machine: {
        node: process.version,
        cpus: availableParallelism(),
        platform: process.platform,
        loadAverage,
      },
      settings,
      demoLog: summary.ok ? '' : demo.stderr().split('\n').slice(-40).join('\n'),
    };
  } finally {
    http.close();
    await demo.stop();
  }
}

/**
 * Creates the users and a public client through the management API.
 *
 * @param {import('./client.mjs').HttpClient} http
 * @param {{ username: string, password: string }} admin
 * @param {number} count
 */
async function setUp(http, admin, count) {
  const auth = `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`;
  const headers = { Authorization: auth, 'Content-Type': 'application/json' };
  const api = '/oauth/management/api';
  const users = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const user = { username: `soak-user-${i}`, password: randomBytes(12).toString('base64url') };
      const answer = await http.send('POST', `${api}/users`, {
        headers,
        body: JSON.stringify(user),
      });
      if (answer.status !== 201)
        throw new Error(`creating a user: ${answer.status} ${answer.text}`);
      return user;
    }),
  );
  const answer = await http.send('POST', `${api}/clients`, {
    headers,
    body: JSON.stringify({ type: 'public', name: 'Soak' }),
  });
  if (answer.status !== 201)
    throw new Error(`creating the client: ${answer.status} ${answer.text}`);
  const clientId = /** @type {{ client_id: string }} */ (JSON.parse(answer.text)).client_id;
  return { clientId, users };
}

/**
 * @typedef {object} TokenPair
 * @property {string} access_token
 * @property {string} refresh_token
 * @property {number} expires_in
 */

class Load {
  /** @type {Record<Operation, { latencies: number[], statuses: Map<number, number> }>} */
  #ops = {
    login: { latencies: [], statuses: new Map() },
    verify: { latencies: [], statuses: new Map() },
    refresh: { latencies: [], statuses: new Map() },
    revoke: { latencies: [], statuses: new Map() },
  };
  #ledger = new Ledger();
  #requests = 0;
  #deadline = 0;
  #startedAt = 0;
  #counts = { fiveXx: 0, mismatches: 0, unexpected: 0, transportErrors: 0 };
  #checks = { live: 0, revoked: 0, expired: 0, indeterminate: 0, refusedRefresh: 0 };
  /** @type {Failure[]} */
  #failures = [];
  #random;

  /**
   * @param {import('./client.mjs').HttpClient} http
   * @param {string} clientId
   * @param {SoakSummary['settings']} settings
   */
  constructor(http, clientId, settings) {
    this.http = http;
    this.clientId = clientId;
    this.settings = settings;
    this.#random = mulberry32(settings.seed);
  }

  /**
   * Runs every virtual user to the deadline; resolves with the seconds it took.
   *
   * @param {readonly { username: string, password: string }[]} users
   */
  async run(users) {
    this.#startedAt = Date.now();
    this.#deadline = this.#startedAt + this.settings.seconds * 1000;
    await Promise.all(
      Array.from({ length: this.settings.vus }, (_, vu) =>
        this.#virtualUser(users[vu % users.length] ?? { username: '', password: '' }),
      ),
    );
    return (Date.now() - this.#startedAt) / 1000;
  }

  #going() {
    return Date.now() < this.#deadline && this.#requests < this.settings.maxRequests;
  }

  /** @param {{ username: string, password: string }} user */
  async #virtualUser(user) {
    const { verifies, refreshes, samples, revokeEvery } = this.settings;
    let logins = 0;
    while (this.#going()) {
      logins += 1;
      const login = await this.#token('login', {
        grant_type: 'password',
        username: user.username,
        password: user.password,
      });
      if (login === null) {
        await delay(50); // do not spin on a refusal; the failure is recorded
        continue;
      }
      const family = this.#ledger.newFamily();
      let access = this.#ledger.issue(
        family,
        login.body.access_token,
        login,
        login.body.expires_in,
      );
      let refreshToken = login.body.refresh_token;
      for (let i = 0; i < verifies && this.#going(); i++) await this.#verify(access);

      let intact = true;
      for (let r = 0; r < refreshes && this.#going(); r++) {
        const old = access;
        this.#ledger.revoking([old], Date.now()); // rotation revokes the old access token
        const answer = await this.#token('refresh', {
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
        });
        if (answer === null) {
          this.#ledger.lost([old]);
          intact = false;
          break;
        }
        this.#ledger.revoked([old], answer.receivedAt);
        access = this.#ledger.issue(
          family,
          answer.body.access_token,
          answer,
          answer.body.expires_in,
        );
        refreshToken = answer.body.refresh_token;
        await this.#verify(access);
        await this.#verify(old);
        for (let i = 1; i < verifies && this.#going(); i++) await this.#verify(access);
      }

      for (let s = 0; s < samples && this.#going(); s++) {
        const drawn = this.#ledger.sample(this.#random);
        if (drawn !== undefined) await this.#verify(drawn);
      }

      if (intact && logins % revokeEvery === 0 && this.#going()) {
        await this.#revokeFamily(family, refreshToken, access);
      }
    }
  }

  /**
   * RFC 7009 with the refresh token: every token of the login is refused afterwards.
   *
   * @param {number} family
   * @param {string} refreshToken
   * @param {import('./ledger.mjs').TokenEntry} access The family's current access token.
   */
  async #revokeFamily(family, refreshToken, access) {
    const members = this.#ledger.members(family);
    this.#ledger.revoking(members, Date.now());
    const answer = await this.#send('revoke', 'POST', '/oauth/revoke', {
      headers: FORM,
      body: form({
        client_id: this.clientId,
        token: refreshToken,
        token_type_hint: 'refresh_token',
      }),
    });
    if (answer === null || answer.status !== 200) {
      if (answer !== null && answer.status < 500) {
        this.#fail('unexpected', 'revoke', `${answer.text}`, answer.status);
      }
      this.#ledger.lost(members);
      return;
    }
    this.#ledger.revoked(members, answer.receivedAt);
    await this.#verify(access);
    const refused = await this.#token(
      'refresh',
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      400,
    );
    if (refused !== null) this.#checks.refusedRefresh += 1;
  }

  /**
   * A token endpoint request that must answer `expected` (200 with a token pair, or 400
   * invalid_grant); null when it did not.
   *
   * @param {Operation} operation
   * @param {Record<string, string>} params
   * @param {200 | 400} [expected]
   * @returns {Promise<(import('./client.mjs').Answer & { body: TokenPair }) | null>}
   */
  async #token(operation, params, expected = 200) {
    const answer = await this.#send(operation, 'POST', '/oauth/token', {
      headers: FORM,
      body: form({ ...params, client_id: this.clientId }),
    });
    if (answer === null || answer.status >= 500) return null;
    /** @type {any} */
    let body = null;
    try {
      body = JSON.parse(answer.text);
    } catch {}
    const good =
      expected === 200
        ? answer.status === 200 &&
          typeof body?.access_token === 'string' &&
          typeof body?.refresh_token === 'string' &&
          typeof body?.expires_in === 'number'
        : answer.status === 400 && body?.error === 'invalid_grant';
    if (!good) {
      this.#fail('unexpected', operation, `expected ${expected}: ${answer.text}`, answer.status);
      return null;
    }
    return { ...answer, body };
  }

  /**
   * Verifies a token at /endpoint and judges the answer against the ledger.
   *
   * @param {import('./ledger.mjs').TokenEntry} entry
   */
  async #verify(entry) {
    const answer = await this.#send('verify', 'GET', '/endpoint', {
      headers: { Authorization: `Bearer ${entry.token}` },
    });
    if (answer === null || answer.status >= 500) return;
    const expected = this.#ledger.expect(entry, answer.sentAt, answer.receivedAt);
    const granted = answer.status === 200 && answer.text === PROTECTED_MESSAGE;
    const refused =
      answer.status === 401 &&
      /error="invalid_token"/.test(String(answer.headers['www-authenticate']));
    if (!granted && !refused) {
      this.#fail('unexpected', 'verify', answer.text.slice(0, 200), answer.status);
      return;
    }
    if (expected === null) {
      this.#checks.indeterminate += 1;
      return;
    }
    this.#checks[expected.verdict] += 1;
    if ((expected.status === 200) !== granted) {
      const age = answer.sentAt - entry.issueReceivedAt;
      this.#fail(
        'mismatch',
        'verify',
        `a ${expected.verdict} token (issued ${age} ms before, lifetime ${entry.lifetimeMs} ms, ` +
          `revocation sent ${rel(entry.revocationSentAt, answer.sentAt)}, ` +
          `confirmed ${rel(entry.revokedAt, answer.sentAt)}) answered ${answer.status}`,
        answer.status,
      );
    }
  }

  /**
   * Sends one request and records its latency and status; null on a transport error.
   *
   * @param {Operation} operation
   * @param {string} method
   * @param {string} path
   * @param {{ headers?: Record<string, string>, body?: string }} request
   */
  async #send(operation, method, path, request) {
    this.#requests += 1;
    const op = this.#ops[operation];
    let answer;
    try {
      answer = await this.http.send(method, path, request);
    } catch (error) {
      this.#fail('transport', operation, error instanceof Error ? error.message : String(error));
      return null;
    }
    op.latencies.push(answer.ms);
    op.statuses.set(answer.status, (op.statuses.get(answer.status) ?? 0) + 1);
    if (answer.status >= 500) {
      this.#fail(
        '5xx',
        operation,
        `${method} ${path}: ${answer.text.slice(0, 300)}`,
        answer.status,
      );
    }
    return answer;
  }

  /**
   * @param {Failure['kind']} kind
   * @param {Operation} operation
   * @param {string} detail
   * @param {number} [status]
   */
  #fail(kind, operation, detail, status) {
    const counter = {
      '5xx': /** @type {const} */ ('fiveXx'),
      mismatch: /** @type {const} */ ('mismatches'),
      unexpected: /** @type {const} */ ('unexpected'),
      transport: /** @type {const} */ ('transportErrors'),
    }[kind];
    this.#counts[counter] += 1;
    if (this.#failures.length < MAX_FAILURES_KEPT) {
      const atSecond = Math.round((Date.now() - this.#startedAt) / 100) / 10;
      this.#failures.push({ kind, operation, status, detail, atSecond });
    }
  }

  /**
   * @param {number} elapsed
   * @param {SoakSummary['rssMb']} rssMb
   */
  summary(elapsed, rssMb) {
    /** @type {Record<Operation, OperationFigures>} */
    const operations = /** @type {any} */ ({});
    let requests = 0;
    for (const name of OPERATIONS) {
      const { latencies, statuses } = this.#ops[name];
      const sorted = Float64Array.from(latencies).sort();
      requests += sorted.length;
      operations[name] = {
        count: sorted.length,
        perSecond: round(sorted.length / elapsed),
        p50Ms: round(percentile(sorted, 0.5)),
        p99Ms: round(percentile(sorted, 0.99)),
        maxMs: round(sorted.at(-1) ?? 0),
        statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      };
    }
    const totals = { requests, perSecond: round(requests / elapsed), ...this.#counts };
    const ok = Object.values(this.#counts).every((n) => n === 0);
    return {
      ok,
      elapsedSeconds: round(elapsed),
      operations,
      totals,
      checks: { ...this.#checks },
      tokensIssued: this.#ledger.size,
      rssMb,
      failures: [...this.#failures],
    };
  }
}

/**
 * The summary as Markdown: one row per operation, then the checks and the demo's memory.
 *
 * @param {SoakSummary} summary
 */
export function formatMarkdown(summary) {
  const { settings: s, totals, checks, rssMb } = summary;
  const mb = (/** @type {number | null} */ v) => (v === null ? 'n/a' : `${v} MiB`);
  const statuses = (/** @type {Record<string, number>} */ m) =>
    Object.entries(m)
      .map(([status, n]) => `${n} × ${status}`)
      .join(', ');
  const lines = [
    `${s.seconds} s, ${s.vus} virtual users, ${s.users} users, bcrypt cost ${s.cost}, ` +
      `access tokens live ${s.tokenLifetime} s; measured over ${summary.elapsedSeconds} s.`,
    '',
    '| operation | requests | req/s | p50 (ms) | p99 (ms) | max (ms) | answers |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...OPERATIONS.map((name) => {
      const o = summary.operations[name];
      return `| ${name} | ${o.count} | ${o.perSecond} | ${o.p50Ms} | ${o.p99Ms} | ${o.maxMs} | ${statuses(o.statuses)} |`;
    }),
    `| **all** | ${totals.requests} | ${totals.perSecond} | | | | |`,
    '',
    `- 5xx: ${totals.fiveXx}; verification mismatches: ${totals.mismatches}; other unexpected ` +
      `answers: ${totals.unexpected}; transport errors: ${totals.transportErrors}.`,
    `- Verifications judged: ${checks.live} live tokens granted, ${checks.revoked} revoked and ` +
      `${checks.expired} expired tokens refused; ${checks.indeterminate} sent while a ` +
      `revocation or the expiry was in flight (either answer right). ${checks.refusedRefresh} ` +
      'revoked refresh tokens refused.',
    `- Access tokens issued: ${summary.tokensIssued}.`,
    `- Demo RSS: ${mb(rssMb.start)} at start, ${mb(rssMb.middle)} half-way, ${mb(rssMb.end)} at ` +
      `the end (peak ${mb(rssMb.peak)}).`,
  ];
  return lines.join('\n');
}

/** @param {Record<string, string>} params */
function form(params) {
  return new URLSearchParams(params).toString();
}

/**
 * Nearest-rank percentile of sorted values.
 *
 * @param {Float64Array} sorted
 * @param {number} p
 */
function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

/** @param {number} v */
function round(v) {
  return Math.round(v * 10) / 10;
}

/**
 * @param {number | null} at
 * @param {number} ref
 */
function rel(at, ref) {
  return at === null ? 'never' : `${ref - at} ms before`;
}

/**
 * A small seeded PRNG, so that a run's draws can be repeated.
 *
 * @param {number} seed
 * @returns {() => number}
 */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
