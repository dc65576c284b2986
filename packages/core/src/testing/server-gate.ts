import { describe, it } from 'vitest';

/**
 * The one switch for suites that need real servers, named by environment variables such as
 * `REDIS_URL` and `MONGO_URL`. With every variable set the suite runs and receives their values.
 * Without them it is skipped loudly on a developer's machine, and fails under `CI=true`, where a
 * skip would hide that nothing was tested.
 */
export function describeWithServers<const Names extends readonly string[]>(
  name: string,
  variables: Names,
  body: (values: Record<Names[number], string>) => void,
): void {
  const missing = variables.filter((v) => !process.env[v]);
  if (missing.length === 0) {
    const values = Object.fromEntries(variables.map((v) => [v, process.env[v] ?? '']));
    describe(name, () => body(values as Record<Names[number], string>));
    return;
  }
  const list = missing.join(' and ');
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs ${list}`, () => {
        throw new Error(
          `${list} required under CI: start the servers (scripts/services.sh start) and export them`,
        );
      });
    });
    return;
  }
  console.warn(
    `\n!!! SKIPPED "${name}": ${list} not set, so these tests did not run. ` +
      'Run `eval "$(scripts/services.sh start)"` first to run them.\n',
  );
  describe.skip(name, () => body({} as Record<Names[number], string>));
}
