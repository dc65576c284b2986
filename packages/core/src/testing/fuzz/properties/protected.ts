import { authorization, renderAuthorization } from '../arbitraries/authorization.js';
import { request } from '../arbitraries/request.js';
import { exchange } from '../exchange.js';
import { expectRfcAnswer } from '../expectations.js';
import { holds, label, maxHuge, type PropertyContext } from './run.js';

/**
 * A `requireOAuth` route (RFC 6750) under random and malformed `Authorization` headers: 200,
 * 400, 401 or 403 as JSON, where a 401 without `error` is the §3.1 answer to no credentials.
 */
export function protectedRouteProperty(context: PropertyContext): Promise<void> {
  const { fc, world, options } = context;
  const plan = fc.record({
    path: fc.constantFrom('/protected', '/protected/admin'),
    // 1 in 12 without a header (fast-check's option: nil with probability 1/freq).
    authorization: fc.option(authorization(fc, maxHuge(options), 'bearer'), {
      freq: 12,
      nil: null,
    }),
  });
  return holds(context, plan, async ({ path, authorization: auth }) => {
    const built = request(
      {
        method: 'GET',
        path,
        headers: {
          authorization: auth === null ? null : renderAuthorization(auth, world.resolve),
        },
        body: null,
      },
      options,
    );
    const answer = await exchange(world.fetch, built);
    return label(answer.status, expectRfcAnswer(answer, { noStore: false, bare401: true }));
  });
}
