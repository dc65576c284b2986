import type { Parameters } from 'fast-check';

/** fast-check itself, loaded when the suite runs so that it stays an optional peer dependency. */
export type FastCheck = typeof import('fast-check');

/** How the app under test is reached, which bounds what requests can be sent to it. */
export interface FuzzOptions {
  /**
   * Set when `fetch` goes through a real Node.js HTTP server (an Express app, say). Node's own
   * parser answers some requests before the app sees them (unknown methods, oversized headers,
   * a `Content-Length` that does not match the body), so those are then not generated.
   */
  readonly overHttp?: boolean;
}

/** Generated requests per property when `SENTINEL_FUZZ_RUNS` is not set: what CI runs. */
export const DEFAULT_RUNS = 10_000;

/** A request that has not been answered within this time fails the property. */
export const REQUEST_TIMEOUT_MS = 5_000;

/** The longest header value generated when the app is reached over HTTP (Node allows 16 KiB). */
export const HTTP_HEADER_LIMIT = 4_096;

/** Reads an integer environment variable; a value that is not one stops the suite. */
function integerFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, not "${raw}".`);
  return value;
}

/**
 * The fast-check parameters for every property: `SENTINEL_FUZZ_RUNS` runs (10,000 by default),
 * and, to replay a failure, the `SENTINEL_FUZZ_SEED` and `SENTINEL_FUZZ_PATH` that fast-check
 * printed with it.
 */
export function fuzzParameters(): Parameters<unknown> {
  const numRuns = integerFromEnv('SENTINEL_FUZZ_RUNS') ?? DEFAULT_RUNS;
  if (numRuns < 1) throw new Error('SENTINEL_FUZZ_RUNS must be at least 1.');
  const seed = integerFromEnv('SENTINEL_FUZZ_SEED');
  const path = process.env.SENTINEL_FUZZ_PATH;
  return {
    numRuns,
    ...(seed === undefined ? {} : { seed }),
    ...(path === undefined || path === '' ? {} : { path }),
  };
}

/** How long one property may take in vitest: generous, since each request has its own timeout. */
export function propertyTimeoutMs(): number {
  const runs = fuzzParameters().numRuns ?? DEFAULT_RUNS;
  return Math.max(60_000, runs * 30);
}
