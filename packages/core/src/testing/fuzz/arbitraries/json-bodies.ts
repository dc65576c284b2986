import type { Arbitrary } from 'fast-check';
import type { FastCheck } from '../settings.js';
import { anyString, huge } from './text.js';

/** The bodies the management API reads: a new user, a user patch, a password, a new client. */
export type BodyKind = 'user' | 'patch' | 'password' | 'client';

/** Bodies the route's schema accepts (though the use case may still refuse them). */
export function fittingBody(fc: FastCheck, kind: BodyKind): Arbitrary<unknown> {
  const password = fc.string({ minLength: 8, maxLength: 72 });
  switch (kind) {
    case 'user':
      return fc.record({ username: fc.string({ minLength: 1, maxLength: 40 }), password });
    case 'patch':
      return fc.record({ disabled: fc.boolean() });
    case 'password':
      return fc.record({ password });
    case 'client':
      return fc.record(
        {
          type: fc.constantFrom('public', 'confidential'),
          name: fc.string({ minLength: 1, maxLength: 40 }),
          grants: fc.subarray(['password', 'refresh_token', 'client_credentials'], {
            minLength: 1,
          }),
          scopes: fc.array(fc.stringMatching(/^[\x21\x23-\x5B\x5D-\x7E]{1,8}$/), { maxLength: 3 }),
        },
        { requiredKeys: ['type'] },
      );
  }
}

/** A value of a kind the bodies' schemas expect, or any JSON. */
function plausible<T>(fc: FastCheck, value: Arbitrary<T>): Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: value, weight: 3 },
    { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  );
}

/** JSON bodies shaped like the API's, with random keys and values. */
export function shapedJson(fc: FastCheck): Arbitrary<string> {
  const password = fc.oneof(
    fc.constantFrom('password-123', 'short', 'ü'.repeat(40), 'x'.repeat(72), 'x'.repeat(73)),
    anyString(fc, 200),
  );
  const scopes = fc.array(
    fc.oneof(fc.constantFrom('read', 'write', 'admin'), fc.string({ maxLength: 6 })),
    {
      maxLength: 4,
    },
  );
  const grants = fc.array(
    fc.constantFrom('password', 'refresh_token', 'client_credentials', 'authorization_code'),
    { maxLength: 4 },
  );
  const value = fc.record(
    {
      username: plausible(fc, fc.oneof(anyString(fc, 300), fc.constant('alice'))),
      password: plausible(fc, password),
      disabled: plausible(fc, fc.boolean()),
      type: plausible(fc, fc.constantFrom('public', 'confidential', 'other')),
      name: plausible(fc, anyString(fc, 300)),
      grants: plausible(fc, grants),
      scopes: plausible(fc, scopes),
    },
    { requiredKeys: [] },
  );
  return value.map((v) => JSON.stringify(v));
}

/** Bodies that are not JSON, or are JSON no schema wants. */
export function oddBody(fc: FastCheck): Arbitrary<string> {
  return fc.oneof(
    anyString(fc),
    fc.json({ maxDepth: 3 }).chain((json) => fc.nat(json.length).map((n) => json.slice(0, n))),
    fc.constantFrom(
      '',
      '{',
      '[',
      '{"username":',
      'null',
      'true',
      '"text"',
      '1e400',
      '{"__proto__":{"password":"password-123"}}',
      '{"constructor":{"prototype":{}}}',
      '\uFEFF{}',
      '{"disabled":true,"disabled":false}',
    ),
    fc.nat(9_000).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    huge(fc, fc.constantFrom('{"a":1,', '"x"', ' '), 20_000),
  );
}
