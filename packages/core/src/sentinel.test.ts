import type { Sentinel } from './sentinel.js';
import { httpConformanceSuite } from './testing/index.js';

/**
 * The conformance suite against the core alone, with the few lines a binding would add: the
 * client IP, two resource routes, and a 404 for anything else.
 */
function bare(sentinel: Sentinel) {
  const anyToken = sentinel.authenticator();
  const adminToken = sentinel.authenticator({ scope: 'admin' });
  return {
    async fetch(request: Request): Promise<Response> {
      const clientIp = request.headers.get('x-test-client-ip') ?? '127.0.0.1';
      const handled = await sentinel.handle(request, { clientIp });
      if (handled !== null) return handled;
      const path = new URL(request.url).pathname;
      const check =
        path === '/protected' ? anyToken : path === '/protected/admin' ? adminToken : null;
      if (check === null) return Response.json({ error: 'not_found' }, { status: 404 });
      const result = await check(request.headers.get('authorization'));
      if (!result.ok)
        return Response.json(result.body, { status: result.status, headers: result.headers });
      return Response.json(result.principal);
    },
  };
}

httpConformanceSuite('core without a framework', bare);
