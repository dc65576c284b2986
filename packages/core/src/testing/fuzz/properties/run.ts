import type { Arbitrary } from 'fast-check';
import type { RejectionWatch } from '../rejections.js';
import { type FastCheck, type FuzzOptions, fuzzParameters } from '../settings.js';
import type { FuzzWorld } from '../world.js';

/** What every property gets. */
export interface PropertyContext {
  /** The property's name, for the statistics. */
  readonly title: string;
  readonly fc: FastCheck;
  readonly world: FuzzWorld;
  readonly options: FuzzOptions;
  readonly watch: RejectionWatch;
}

/** The longest generated value: header values are bounded when going over HTTP. */
export function maxHuge(options: FuzzOptions): number {
  return options.overHttp === true ? 3_000 : 20_000;
}

/**
 * Runs `check` on `fuzzParameters().numRuns` generated values; a check that throws, or an
 * unhandled rejection during it, fails the property, and fast-check prints the seed and path
 * that replay it. `check` returns a label for the answer (such as "400 invalid_request"); with
 * `SENTINEL_FUZZ_STATS=1` their counts are printed, to see what the generators reach.
 */
export async function holds<T>(
  context: PropertyContext,
  arbitrary: Arbitrary<T>,
  check: (value: T) => Promise<string>,
): Promise<void> {
  const { fc, watch } = context;
  const labels = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      const label = await check(value);
      labels.set(label, (labels.get(label) ?? 0) + 1);
      await watch.expectNone();
    }),
    fuzzParameters(),
  );
  if (process.env.SENTINEL_FUZZ_STATS === '1') {
    const sorted = [...labels].sort(([, a], [, b]) => b - a);
    console.log(`${context.title}:\n${sorted.map(([l, n]) => `  ${n}\t${l}`).join('\n')}`);
  }
}

/** The label of an answer for the statistics: its status, error code and description. */
export function label(status: number, body: unknown): string {
  if (typeof body !== 'object' || body === null) return String(status);
  const { error, error_description: description } = body as Record<string, unknown>;
  if (typeof error !== 'string') return String(status);
  return typeof description === 'string'
    ? `${status} ${error} ${description}`
    : `${status} ${error}`;
}
