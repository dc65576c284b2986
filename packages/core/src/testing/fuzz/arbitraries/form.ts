import type { Arbitrary } from 'fast-check';
import type { FastCheck } from '../settings.js';
import type { Text } from '../world.js';
import {
  BROKEN_ESCAPES,
  KNOWN_NAMES,
  KNOWN_VALUES,
  type Template,
  WITH_CLIENT,
} from './form-templates.js';
import { type Splice, splices, toBytes, wellFormed } from './request.js';
import { anyString, ref } from './text.js';

/**
 * How one name or value is written: `form` is what browsers send (spaces as "+"), `uri` uses
 * "%20", `percent` escapes every byte, `lower` does too in lower-case hex, `raw` writes the text
 * as it is (so "&", "=", "%" and "+" in it change the body's meaning).
 */
export type Coding = 'form' | 'uri' | 'percent' | 'lower' | 'raw';

/** One `name=value` pair. A null value is written without "=". */
export interface FormPart {
  readonly name: Text;
  readonly value: Text | null;
  readonly nameCoding: Coding;
  readonly valueCoding: Coding;
  /** A broken percent-escape written into the value, rarely. */
  readonly broken: { readonly at: number; readonly escape: string } | null;
}

/** A whole form body. */
export interface FormBody {
  readonly parts: readonly FormPart[];
  readonly separator: string;
  readonly splices: readonly Splice[];
}

function coding(fc: FastCheck): Arbitrary<Coding> {
  return fc.oneof(
    { arbitrary: fc.constant('form' as const), weight: 16 },
    { arbitrary: fc.constantFrom('uri' as const, 'percent' as const, 'lower' as const), weight: 2 },
    { arbitrary: fc.constant('raw' as const), weight: 1 },
  );
}

function broken(fc: FastCheck): Arbitrary<FormPart['broken']> {
  return fc.oneof(
    { arbitrary: fc.constant(null), weight: 15 },
    {
      arbitrary: fc.record({ at: fc.nat(), escape: fc.constantFrom(...BROKEN_ESCAPES) }),
      weight: 1,
    },
  );
}

/** A value: one of the world's, a known literal, any string, or none. */
function partValue(fc: FastCheck): Arbitrary<Text | null> {
  return fc.oneof(
    { arbitrary: ref(fc, 'publicClient', 'confidentialClient', 'clientSecret'), weight: 2 },
    { arbitrary: ref(fc, 'username', 'password', 'accessToken', 'refreshToken'), weight: 2 },
    { arbitrary: fc.constantFrom(...KNOWN_VALUES), weight: 3 },
    { arbitrary: anyString(fc), weight: 3 },
    { arbitrary: fc.constantFrom(null, ''), weight: 1 },
  );
}

/** A pair whose name and value are drawn at random (often from the known ones). */
function randomPart(fc: FastCheck): Arbitrary<FormPart> {
  const name = fc.oneof(
    { arbitrary: fc.constantFrom(...KNOWN_NAMES), weight: 3 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  );
  return fc.record({
    name,
    value: partValue(fc),
    nameCoding: coding(fc),
    valueCoding: coding(fc),
    broken: broken(fc),
  });
}

/** A template's pair, written in a random way. */
function templatePart(fc: FastCheck, [name, value]: Template[number]): Arbitrary<FormPart> {
  return fc.record({
    name: fc.constant(name),
    value: fc.constant(value),
    nameCoding: coding(fc),
    valueCoding: coding(fc),
    broken: broken(fc),
  });
}

/** Rarely something, mostly null. */
function rarely<T>(fc: FastCheck, arbitrary: Arbitrary<T>, odds: number): Arbitrary<T | null> {
  return fc.oneof({ arbitrary: fc.constant(null), weight: odds - 1 }, { arbitrary, weight: 1 });
}

/** How a template is changed: pairs dropped, added, repeated, or one value swapped. */
interface Mutation {
  readonly extra: readonly FormPart[];
  readonly where: number;
  readonly repeat: number | null;
  readonly swap: { readonly index: number; readonly value: Text | null } | null;
}

function mutate(template: readonly (FormPart | null)[], change: Mutation): FormPart[] {
  const parts = template.filter((p): p is FormPart => p !== null);
  if (change.swap !== null && parts.length > 0) {
    const i = change.swap.index % parts.length;
    const target = parts[i];
    if (target !== undefined) parts[i] = { ...target, value: change.swap.value };
  }
  parts.splice(change.where % (parts.length + 1), 0, ...change.extra);
  const copied = change.repeat === null ? undefined : parts[change.repeat % parts.length];
  // The copy is percent-encoded: a repeat must be caught after decoding, not before.
  return copied === undefined ? parts : [...parts, { ...copied, nameCoding: 'percent' }];
}

/**
 * Form bodies: valid requests (from `templates`) sent as they are, so that some succeed; the
 * same with pairs dropped, added, repeated, re-encoded or given another value; and pairs drawn
 * at random. The separators may be odd and invalid UTF-8 may be spliced into the bytes.
 */
export function formBody(
  fc: FastCheck,
  templates: readonly Template[] = WITH_CLIENT,
): Arbitrary<FormBody> {
  const pristine = fc.constantFrom(...templates).map(
    (template): FormBody => ({
      parts: template.map(([name, value]) => ({
        name,
        value,
        nameCoding: 'form',
        valueCoding: 'form',
        broken: null,
      })),
      separator: '&',
      splices: [],
    }),
  );
  // Each pair of the template is dropped 1 time in 8.
  const kept = (template: Template) =>
    fc.tuple(
      ...template.map((pair) =>
        fc.oneof(
          { arbitrary: templatePart(fc, pair), weight: 7 },
          { arbitrary: fc.constant(null), weight: 1 },
        ),
      ),
    );
  const mutation: Arbitrary<Mutation> = fc.record({
    extra: fc.oneof(
      { arbitrary: fc.constant([]), weight: 2 },
      { arbitrary: fc.array(randomPart(fc), { minLength: 1, maxLength: 2 }), weight: 1 },
    ),
    where: fc.nat(),
    repeat: rarely(fc, fc.nat(), 5),
    swap: rarely(fc, fc.record({ index: fc.nat(), value: partValue(fc) }), 2),
  });
  const mutated = fc
    .tuple(fc.constantFrom(...templates).chain(kept), mutation)
    .map(([template, change]) => mutate(template, change));
  const random = fc.array(randomPart(fc), { maxLength: 6 });
  const separator = fc.oneof(
    { arbitrary: fc.constant('&'), weight: 20 },
    { arbitrary: fc.constantFrom('&&', ';', '&amp;', '\n', '& ', '&='), weight: 1 },
  );
  const shaped = fc.record({
    parts: fc.oneof({ arbitrary: mutated, weight: 3 }, { arbitrary: random, weight: 1 }),
    separator,
    splices: splices(fc),
  });
  return fc.oneof({ arbitrary: pristine, weight: 1 }, { arbitrary: shaped, weight: 2 });
}

/** The body's bytes, with the world's current values. */
export function renderForm(body: FormBody, resolve: (text: Text) => string): Uint8Array {
  const pairs = body.parts.map((part) => {
    const name = encode(resolve(part.name), part.nameCoding);
    if (part.value === null) return name;
    let value = encode(resolve(part.value), part.valueCoding);
    if (part.broken !== null) {
      const i = part.broken.at % (value.length + 1);
      value = value.slice(0, i) + part.broken.escape + value.slice(i);
    }
    return `${name}=${value}`;
  });
  return toBytes(pairs.join(body.separator), body.splices);
}

function encode(text: string, how: Coding): string {
  const value = wellFormed(text);
  switch (how) {
    case 'form':
      return encodeURIComponent(value).replace(/%20/g, '+');
    case 'uri':
      return encodeURIComponent(value);
    case 'percent':
    case 'lower': {
      const hex = [...Buffer.from(value, 'utf8')].map((b) => b.toString(16).padStart(2, '0'));
      return hex.map((h) => `%${how === 'percent' ? h.toUpperCase() : h}`).join('');
    }
    case 'raw':
      return value;
  }
}
