import type { Arbitrary } from 'fast-check';
import type { FastCheck } from '../settings.js';
import type { Text } from '../world.js';
import { wellFormed } from './request.js';
import { anyString, headerString, huge, ref } from './text.js';

/** A change made to the credentials once encoded: none, mostly. */
export type Mangle =
  | { readonly op: 'none' }
  | { readonly op: 'append' | 'prepend'; readonly text: string }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'truncate'; readonly at: number };

/** An `Authorization` header, described so that counterexamples stay readable. */
export type AuthPlan =
  | {
      readonly kind: 'basic';
      readonly scheme: string;
      readonly gap: string;
      readonly id: Text;
      /** null: no ":" at all. */
      readonly secret: Text | null;
      /** RFC 6749 §2.3.1 form-encodes both parts before base64; not every client does. */
      readonly formEncoded: boolean;
      readonly alphabet: 'base64' | 'base64url' | 'unpadded' | 'latin1-bytes';
      readonly mangle: Mangle;
    }
  | {
      readonly kind: 'bearer';
      readonly scheme: string;
      readonly gap: string;
      readonly token: Text;
      readonly mangle: Mangle;
    }
  | { readonly kind: 'raw'; readonly value: string };

/** A scheme name: the right one mostly, else in another case, misspelt or random. */
function scheme(fc: FastCheck, name: string): Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(name), weight: 16 },
    {
      arbitrary: fc.constantFrom(
        name.toLowerCase(),
        name.toUpperCase(),
        `${name}:`,
        name.slice(0, -1),
        `${name}${name}`,
        `x${name}`,
      ),
      weight: 2,
    },
    { arbitrary: headerString(fc, 8), weight: 1 },
  );
}

/** What separates the scheme from the credentials. */
function gap(fc: FastCheck): Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(' '), weight: 20 },
    { arbitrary: fc.constantFrom('', '  ', '\t', ' \t', '     ', ','), weight: 1 },
  );
}

function mangle(fc: FastCheck, maxHuge: number): Arbitrary<Mangle> {
  const text = fc.oneof(
    { arbitrary: headerString(fc, 8), weight: 4 },
    { arbitrary: fc.constantFrom('=', '==', '===', ' ', ' x', ':', '%', '\t'), weight: 4 },
    { arbitrary: huge(fc, fc.constantFrom('A', 'a=', ' '), maxHuge), weight: 1 },
  );
  return fc.oneof(
    { arbitrary: fc.constant({ op: 'none' as const }), weight: 12 },
    { arbitrary: fc.record({ op: fc.constantFrom('append', 'prepend'), text }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('insert'), at: fc.nat(), text }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('truncate'), at: fc.nat() }), weight: 1 },
  );
}

/** Headers that are not made from parts: other schemes and odd shapes. */
const ODD_HEADERS = [
  'Basic',
  'Basic ',
  'Bearer',
  'Bearer ',
  'Basic Og==',
  'Basic ===',
  'Basic YQ',
  'Basic YTpiOmM=',
  'Bearer a b',
  'Bearer a=b',
  'Bearer ====',
  'Basic, Bearer abc',
  'Digest username="client", realm="x"',
  'Negotiate YIIB',
  'Token abc',
  ',',
  ' ',
];

/**
 * `Authorization` headers: Basic client credentials (right, wrong, malformed), Bearer tokens
 * (live, spent, random, malformed) and others, `prefer`'s scheme four times as often as the
 * other. `maxHuge` bounds the longest one.
 */
export function authorization(
  fc: FastCheck,
  maxHuge: number,
  prefer: 'basic' | 'bearer',
): Arbitrary<AuthPlan> {
  const id = fc.oneof(
    { arbitrary: ref(fc, 'publicClient', 'confidentialClient'), weight: 6 },
    { arbitrary: anyString(fc, maxHuge), weight: 2 },
    { arbitrary: fc.constantFrom('', 'admin', 'a:b', '%zz', '%E9'), weight: 1 },
  );
  const secret = fc.oneof(
    { arbitrary: ref(fc, 'clientSecret'), weight: 5 },
    { arbitrary: fc.constant(''), weight: 2 },
    { arbitrary: anyString(fc, maxHuge), weight: 2 },
    { arbitrary: fc.constantFrom(null, '%', '%C3%28', 'a:b'), weight: 1 },
  );
  const basic = fc.record({
    kind: fc.constant('basic' as const),
    scheme: scheme(fc, 'Basic'),
    gap: gap(fc),
    id,
    secret,
    formEncoded: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
    alphabet: fc.oneof(
      { arbitrary: fc.constant('base64' as const), weight: 8 },
      fc.constantFrom('base64url' as const, 'unpadded' as const, 'latin1-bytes' as const),
    ),
    mangle: mangle(fc, maxHuge),
  });
  const token = fc.oneof(
    { arbitrary: ref(fc, 'accessToken'), weight: 6 },
    { arbitrary: ref(fc, 'refreshToken', 'clientSecret'), weight: 1 },
    { arbitrary: fc.stringMatching(/^[A-Za-z0-9\-._~+/]{1,60}=*$/), weight: 2 },
    { arbitrary: headerString(fc), weight: 2 },
  );
  const bearer = fc.record({
    kind: fc.constant('bearer' as const),
    scheme: scheme(fc, 'Bearer'),
    gap: gap(fc),
    token,
    mangle: mangle(fc, maxHuge),
  });
  const raw = fc.record({
    kind: fc.constant('raw' as const),
    value: fc.oneof(fc.constantFrom(...ODD_HEADERS), headerString(fc, 60)),
  });
  return fc.oneof(
    { arbitrary: fc.constantFrom(...VALID), weight: 2 },
    { arbitrary: basic, weight: prefer === 'basic' ? 8 : 2 },
    { arbitrary: bearer, weight: prefer === 'bearer' ? 8 : 2 },
    { arbitrary: raw, weight: 1 },
  );
}

/** Right credentials, as a client would send them: so that some requests get through. */
const VALID: readonly AuthPlan[] = [
  {
    kind: 'basic',
    scheme: 'Basic',
    gap: ' ',
    id: { ref: 'confidentialClient' },
    secret: { ref: 'clientSecret' },
    formEncoded: true,
    alphabet: 'base64',
    mangle: { op: 'none' },
  },
  {
    kind: 'basic',
    scheme: 'Basic',
    gap: ' ',
    id: { ref: 'publicClient' },
    secret: '',
    formEncoded: true,
    alphabet: 'base64',
    mangle: { op: 'none' },
  },
  {
    kind: 'bearer',
    scheme: 'Bearer',
    gap: ' ',
    token: { ref: 'accessToken' },
    mangle: { op: 'none' },
  },
];

/** The header value a plan stands for, with the world's current values. */
export function renderAuthorization(plan: AuthPlan, resolve: (text: Text) => string): string {
  if (plan.kind === 'raw') return plan.value;
  if (plan.kind === 'bearer') {
    return `${plan.scheme}${plan.gap}${applyMangle(resolve(plan.token), plan.mangle)}`;
  }
  const part = (text: Text) => {
    const value = wellFormed(resolve(text));
    return plan.formEncoded ? encodeURIComponent(value).replace(/%20/g, '+') : value;
  };
  const pair = plan.secret === null ? part(plan.id) : `${part(plan.id)}:${part(plan.secret)}`;
  const bytes = Buffer.from(pair, plan.alphabet === 'latin1-bytes' ? 'latin1' : 'utf8');
  let encoded = bytes.toString(plan.alphabet === 'base64url' ? 'base64url' : 'base64');
  if (plan.alphabet === 'unpadded') encoded = encoded.replace(/=+$/, '');
  return `${plan.scheme}${plan.gap}${applyMangle(encoded, plan.mangle)}`;
}

function applyMangle(value: string, change: Mangle): string {
  switch (change.op) {
    case 'none':
      return value;
    case 'append':
      return value + change.text;
    case 'prepend':
      return change.text + value;
    case 'insert': {
      const i = change.at % (value.length + 1);
      return value.slice(0, i) + change.text + value.slice(i);
    }
    case 'truncate':
      return value.slice(0, change.at % (value.length + 1));
  }
}
