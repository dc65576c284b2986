import { describe, it } from 'vitest';

/**
 * A `describe` that runs only when a test dependency is configured. When it is not: under CI
 * (`CI=true`) the suite fails with one test saying what is required; elsewhere the suite is
 * skipped with a loud warning, so that a missing server is never mistaken for a pass.
 */
export function describeWhen(
  name: string,
  requirement: { readonly value: string | undefined; readonly what: string; readonly hint: string },
  body: (value: string) => void,
): void {
  const { value, what, hint } = requirement;
  if (value) {
    describe(name, () => body(value));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`${what} is required under CI`, () => {
        throw new Error(`${what} is required under CI`);
      });
    });
    return;
  }
  console.warn(`\n!!! SKIPPED "${name}": ${what} is not set. ${hint}\n`);
  describe.skip(name, () => {
    it(`needs ${what}`, () => {});
  });
}

/** `describeWhen` for suites that need a MongoDB-compatible server at `MONGO_URL`. */
export function describeWithMongo(name: string, body: (url: string) => void): void {
  describeWhen(
    name,
    {
      value: process.env.MONGO_URL,
      what: 'MONGO_URL',
      hint: 'Start one with `scripts/services.sh start` and export MONGO_URL=mongodb://127.0.0.1:27018/.',
    },
    body,
  );
}
