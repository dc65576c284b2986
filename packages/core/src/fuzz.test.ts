import type { Sentinel } from './sentinel.js';
import { httpFuzzSuite } from './testing/index.js';

/**
 * The fuzz suite against the core alone: `handle` for Sentinel's routes, the authenticator for
 * the two resource routes, a JSON 404 for the rest. The client IP comes from a test header.
 */
function bare(sentinel: Sentinel) {
  const checks = new Map([
    ['/protected', sentinel.authenticator()],
    ['/protected/admin', sentinel.authenticator({ scope: 'admin' })],
  ]);
  return {
    async fetch(request: Request): Promise<Response> {
      const clientIp = request.headers.get('x-test-client-ip') ?? '127.0.0.1';
      const handled = await sentinel.handle(request, { clientIp });
      if (handled !== null) return handled;
      const check = checks.get(new URL(request.url).pathname);
      if (check === undefined) {
        return Response.json(
          { error: 'not_found', error_description: 'No such route.' },
          { status: 404 },
        );
      }
      const result = await check(request.headers.get('authorization'));
      if (!result.ok) {
        return Response.json(result.body, { status: result.status, headers: result.headers });
      }
      return Response.json(result.principal);
    },
  };
}

httpFuzzSuite('core without a framework', bare);
