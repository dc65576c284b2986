import type { Arbitrary } from 'fast-check';
import { type AuthPlan, authorization, renderAuthorization } from '../arbitraries/authorization.js';
import { type FormBody, formBody, renderForm } from '../arbitraries/form.js';
import { WITH_CLIENT, WITHOUT_CLIENT } from '../arbitraries/form-templates.js';
import { clientIp, forgedLength, method, request } from '../arbitraries/request.js';
import { headerString } from '../arbitraries/text.js';
import { exchange } from '../exchange.js';
import { expectRfcAnswer } from '../expectations.js';
import { holds, label, maxHuge, type PropertyContext } from './run.js';

/** One generated request to the token, revocation or introspection endpoint. */
export interface ClientPlan {
  readonly method: string;
  readonly contentType: string | null;
  readonly contentLength: string | null;
  readonly authorization: AuthPlan | null;
  readonly ip: string;
  readonly form: FormBody;
}

const FORM = 'application/x-www-form-urlencoded';

function contentType(context: PropertyContext): Arbitrary<string | null> {
  const { fc } = context;
  return fc.oneof(
    { arbitrary: fc.constant(FORM), weight: 30 },
    {
      arbitrary: fc.constantFrom(
        `${FORM}; charset=utf-8`,
        `${FORM};charset=latin1`,
        'Application/X-WWW-Form-Urlencoded',
        `${FORM},text/plain`,
        'application/json',
        'text/plain',
        'multipart/form-data; boundary=x',
        '',
      ),
      weight: 2,
    },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: headerString(fc, 20), weight: 1 },
  );
}

/**
 * Requests to a client-facing endpoint. `withAuthorization` is how often (1 in n) a request
 * carries an `Authorization` header; 1 means always.
 */
export function clientRequest(
  context: PropertyContext,
  withAuthorization: number,
): Arbitrary<ClientPlan> {
  const { fc, options } = context;
  const header = authorization(fc, maxHuge(options), 'basic');
  return fc.record({
    method: method(fc, options, ['POST']),
    contentType: contentType(context),
    contentLength: forgedLength(fc, options),
    authorization:
      withAuthorization === 1
        ? header
        : fc.oneof(
            { arbitrary: fc.constant(null), weight: withAuthorization - 1 },
            { arbitrary: header, weight: 1 },
          ),
    ip: clientIp(fc),
    form: formBody(fc, withAuthorization === 1 ? WITHOUT_CLIENT : WITH_CLIENT),
  });
}

/**
 * The property for one endpoint: whatever the request, the answer is a 2xx or an RFC-shaped
 * 4xx, JSON, with `Cache-Control: no-store`, within the timeout and without an unhandled
 * rejection. Tokens from successful token answers are kept, so later requests can use them.
 */
export function clientEndpointProperty(
  context: PropertyContext,
  path: string,
  withAuthorization: number,
): Promise<void> {
  const { world, options } = context;
  return holds(context, clientRequest(context, withAuthorization), async (plan) => {
    const built = request(
      {
        method: plan.method,
        path,
        headers: {
          'content-type': plan.contentType,
          'content-length': plan.contentLength,
          authorization:
            plan.authorization === null
              ? null
              : renderAuthorization(plan.authorization, world.resolve),
          'x-test-client-ip': plan.ip,
        },
        body: renderForm(plan.form, world.resolve),
      },
      options,
    );
    const answer = await exchange(world.fetch, built);
    const body = expectRfcAnswer(answer, { noStore: true, head: plan.method === 'HEAD' });
    if (answer.status === 200 && typeof body === 'object' && body !== null) {
      const { access_token: access, refresh_token: refresh } = body as Record<string, unknown>;
      if (typeof access === 'string') world.values.accessToken = access;
      if (typeof refresh === 'string') world.values.refreshToken = refresh;
    }
    return label(answer.status, body);
  });
}
