import { describe } from 'vitest';
import { bearerTests } from './bearer.js';
import type { ConformanceApp } from './helpers.js';
import { managementTests } from './management.js';
import { managementPageTests } from './management-page.js';
import { refreshTests } from './refresh.js';
import { standardEndpointTests } from './standard-endpoints.js';
import { tokenEndpointTests } from './token-endpoint.js';

export type { ConformanceApp } from './helpers.js';

/**
 * The HTTP conformance suite: every status, header and body of every endpoint, run against a
 * binding. Both bindings run it unchanged, so a behaviour that differs between them fails.
 */
export function httpConformanceSuite(name: string, app: ConformanceApp): void {
  describe(`HTTP conformance: ${name}`, () => {
    tokenEndpointTests(app);
    refreshTests(app);
    bearerTests(app);
    managementTests(app);
    managementPageTests(app);
    standardEndpointTests(app);
  });
}
