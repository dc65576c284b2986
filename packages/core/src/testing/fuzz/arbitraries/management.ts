import type { Arbitrary } from 'fast-check';
import type { FastCheck, FuzzOptions } from '../settings.js';
import type { RefName, Text } from '../world.js';
import { type AuthPlan, authorization } from './authorization.js';
import { type BodyKind, fittingBody, oddBody, shapedJson } from './json-bodies.js';
import { method, type Splice, splices, wellFormed } from './request.js';
import { anyString, headerString, ref } from './text.js';

/** The API's routes, below `/oauth/management/api`: methods, and the body one of them reads. */
const ROUTES: readonly {
  readonly path: string;
  readonly methods: readonly string[];
  readonly body?: BodyKind;
}[] = [
  { path: '/users', methods: ['GET', 'POST'], body: 'user' },
  { path: '/users/{user}', methods: ['GET', 'PATCH', 'DELETE'], body: 'patch' },
  { path: '/users/{user}/password', methods: ['PUT'], body: 'password' },
  { path: '/users/{user}/tokens', methods: ['DELETE'] },
  { path: '/clients', methods: ['GET', 'POST'], body: 'client' },
  { path: '/clients/{client}', methods: ['GET', 'DELETE'] },
  { path: '/clients/{client}/secret', methods: ['POST'] },
];

/** Paths that are almost routes. */
const NEAR_MISSES = [
  '/',
  '/users/',
  '/users/{user}/',
  '/users//password',
  '/users/{user}/password/extra',
  '/clients/{client}/secret/{client}',
  '/USERS',
  '/{user}',
];

/**
 * A path segment: the id that fits the route (a user's, or a public or confidential client's),
 * an encoded string, or one left raw.
 */
export type Segment =
  | { readonly fits: 'public' | 'confidential' }
  | { readonly encode: Text }
  | { readonly raw: string };

/** Segments that are not what `encodeURIComponent` makes. */
const RAW_SEGMENTS = [
  '%',
  '%zz',
  '%E9',
  '%C3%28',
  '%ED%A0%80',
  '%00',
  '%2F',
  '%252F',
  '~',
  "'",
  '%20',
];

/** One generated management request. */
export interface ManagementPlan {
  readonly method: string;
  /** With `{user}` and `{client}` where the segment goes. */
  readonly path: string;
  readonly segment: Segment;
  readonly query: string | null;
  /** `admin`: the right credentials. */
  readonly auth: 'admin' | AuthPlan | null;
  readonly contentType: string | null;
  readonly body: { readonly text: string; readonly splices: readonly Splice[] } | null;
}

function segment(fc: FastCheck, maxHuge: number): Arbitrary<Segment> {
  return fc.oneof(
    {
      arbitrary: fc
        .constantFrom('public' as const, 'confidential' as const)
        .map((fits) => ({ fits })),
      weight: 8,
    },
    { arbitrary: ref(fc, 'userId', 'publicClient').map((t) => ({ encode: t })), weight: 1 },
    { arbitrary: anyString(fc, maxHuge).map((s) => ({ encode: s })), weight: 2 },
    { arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((s) => ({ raw: s })), weight: 1 },
  );
}

interface RouteChoice {
  readonly path: string;
  readonly method: string;
  /** A body that fits the route, as JSON text; null when it reads none. */
  readonly fitting: string | null;
}

/** A route with one of its methods mostly; any method, or a path that is almost a route, else. */
function routeAndMethod(fc: FastCheck, options: FuzzOptions): Arbitrary<RouteChoice> {
  const anyMethod = method(fc, options, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
  const route = fc.constantFrom(...ROUTES).chain((r) =>
    fc.record({
      path: fc.constant(r.path),
      method: fc.oneof(
        { arbitrary: fc.constantFrom(...r.methods), weight: 4 },
        { arbitrary: anyMethod, weight: 1 },
      ),
      fitting:
        r.body === undefined
          ? fc.constant<string | null>(null)
          : fittingBody(fc, r.body).map((body): string | null => JSON.stringify(body)),
    }),
  );
  const nearMiss = fc.record({
    path: fc.constantFrom(...NEAR_MISSES),
    method: anyMethod,
    fitting: fc.constant<string | null>(null),
  });
  return fc.oneof({ arbitrary: route, weight: 6 }, { arbitrary: nearMiss, weight: 1 });
}

/**
 * Management requests: every route with ids that exist and ids that do not, any method, the
 * right credentials mostly (else none or malformed ones), JSON and non-JSON bodies under
 * various media types.
 */
export function managementRequest(
  fc: FastCheck,
  options: FuzzOptions,
  maxHuge: number,
): Arbitrary<ManagementPlan> {
  const rest = fc.record({
    segment: segment(fc, maxHuge),
    query: fc.oneof(
      { arbitrary: fc.constant(null), weight: 10 },
      fc.constantFrom('', 'x=1', '%zz', 'id=1&id=2'),
    ),
    auth: fc.oneof(
      { arbitrary: fc.constant('admin' as const), weight: 24 },
      { arbitrary: fc.constant(null), weight: 1 },
      { arbitrary: authorization(fc, maxHuge, 'basic'), weight: 2 },
    ),
    contentType: fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 20 },
      {
        arbitrary: fc.constantFrom(
          'application/json; charset=utf-8',
          'APPLICATION/JSON',
          'application/json;',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/merge-patch+json',
          '',
        ),
        weight: 2,
      },
      { arbitrary: fc.constant(null), weight: 1 },
      { arbitrary: headerString(fc, 20), weight: 1 },
    ),
    body: fc.oneof(
      { arbitrary: fc.constant(null), weight: 1 },
      { arbitrary: fc.constant('fitting' as const), weight: 4 },
      {
        arbitrary: fc.record({
          text: fc.oneof(
            { arbitrary: shapedJson(fc), weight: 4 },
            { arbitrary: fc.json({ maxDepth: 3 }), weight: 1 },
            { arbitrary: oddBody(fc), weight: 2 },
          ),
          splices: splices(fc),
        }),
        weight: 6,
      },
    ),
  });
  return fc.tuple(routeAndMethod(fc, options), rest).map(
    ([{ fitting, ...route }, others]): ManagementPlan => ({
      ...route,
      ...others,
      body:
        others.body !== 'fitting'
          ? others.body
          : fitting === null
            ? null
            : { text: fitting, splices: [] },
    }),
  );
}

/** The request path of a plan, with the world's current values. */
export function renderManagementPath(
  plan: ManagementPlan,
  values: Record<RefName, string>,
): string {
  const written = (kind: 'user' | 'client') => {
    const { segment: seg } = plan;
    let text: string;
    if ('raw' in seg) text = seg.raw;
    else if ('encode' in seg) {
      const value = typeof seg.encode === 'string' ? seg.encode : values[seg.encode.ref];
      text = encodeURIComponent(wellFormed(value));
    } else if (kind === 'user') text = encodeURIComponent(values.userId);
    else text = seg.fits === 'public' ? values.publicClient : values.confidentialClient;
    // "." and ".." (even escaped) are dot segments: they would leave the API, which is not ours.
    return /^(\.|%2e){1,2}$/i.test(text) ? `x${text}` : text;
  };
  const path = `/oauth/management/api${plan.path
    .replaceAll('{user}', written('user'))
    .replaceAll('{client}', written('client'))}`;
  return plan.query === null ? path : `${path}?${plan.query}`;
}
