import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ConformanceApp } from '../conformance/helpers.js';
import { clientEndpointProperty } from './properties/client-endpoints.js';
import { managementProperty } from './properties/management.js';
import { protectedRouteProperty } from './properties/protected.js';
import type { PropertyContext } from './properties/run.js';
import { RejectionWatch } from './rejections.js';
import { type FastCheck, type FuzzOptions, propertyTimeoutMs } from './settings.js';
import { fuzzWorld } from './world.js';

export type { FuzzOptions } from './settings.js';

/**
 * Property-based fuzzing of a binding with fast-check (an optional peer dependency, loaded only
 * when the suite runs). Each property sends `SENTINEL_FUZZ_RUNS` (10,000 by default) generated
 * requests to one endpoint of a freshly seeded app and requires every answer to be a 2xx or a
 * 4xx with an RFC-shaped JSON body, in time and without an unhandled rejection. `app` is built
 * as for `httpConformanceSuite`. To replay a failure, see README.md beside this file.
 */
export function httpFuzzSuite(name: string, app: ConformanceApp, options: FuzzOptions = {}): void {
  describe(`HTTP fuzzing: ${name}`, () => {
    const watch = new RejectionWatch();
    let fc: FastCheck | undefined;

    beforeAll(async () => {
      fc = await import('fast-check');
      watch.start();
    });
    afterAll(() => watch.stop());

    const property = (title: string, run: (context: PropertyContext) => Promise<void>) =>
      it(
        title,
        async () => {
          if (fc === undefined) throw new Error('fast-check did not load.');
          const world = await fuzzWorld(app);
          try {
            await run({ title: `${name}: ${title}`, fc, world, options, watch });
          } finally {
            await world.close();
          }
        },
        propertyTimeoutMs(),
      );

    property('token endpoint: form bodies', (c) => clientEndpointProperty(c, '/oauth/token', 16));
    property('token endpoint: Authorization headers', (c) =>
      clientEndpointProperty(c, '/oauth/token', 1),
    );
    property('revocation endpoint: form bodies', (c) =>
      clientEndpointProperty(c, '/oauth/revoke', 8),
    );
    property('introspection endpoint: form bodies', (c) =>
      clientEndpointProperty(c, '/oauth/introspect', 8),
    );
    property('protected route: Authorization headers', protectedRouteProperty);
    property('management API: routes, methods and bodies', managementProperty);
  });
}
