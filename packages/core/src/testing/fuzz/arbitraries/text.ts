import type { Arbitrary } from 'fast-check';
import type { FastCheck } from '../settings.js';
import type { RefName, Text } from '../world.js';

/** Literal strings: ASCII, any code point, graphemes, and the odd huge one. */
export function anyString(fc: FastCheck, maxHuge = 20_000): Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.string({ maxLength: 24 }), weight: 8 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 24 }), weight: 4 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 2 },
    {
      arbitrary: huge(fc, fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), maxHuge),
      weight: 1,
    },
  );
}

/** A short piece repeated into a long string (about `max` long at most): cheap, however long. */
export function huge(fc: FastCheck, piece: Arbitrary<string>, max: number): Arbitrary<string> {
  return fc
    .tuple(piece, fc.integer({ min: Math.min(500, max), max }))
    .map(([p, length]) => p.repeat(Math.ceil(length / Math.max(1, p.length))));
}

/** A reference to one of the world's values. */
export function ref(fc: FastCheck, ...names: RefName[]): Arbitrary<Text> {
  return fc.constantFrom(...names).map((name) => ({ ref: name }));
}

/**
 * Characters a header value may carry through both `Headers` and Node's HTTP parser: tab,
 * printable ASCII and Latin-1 (obs-text). CR, LF, NUL and other controls are refused before
 * Sentinel could see them, so fuzzing them tests nothing of ours.
 */
export function headerChar(fc: FastCheck): Arbitrary<string> {
  return fc
    .oneof(
      { arbitrary: fc.integer({ min: 0x20, max: 0x7e }), weight: 8 },
      { arbitrary: fc.integer({ min: 0x80, max: 0xff }), weight: 1 },
      { arbitrary: fc.constant(0x09), weight: 1 },
    )
    .map((code) => String.fromCharCode(code));
}

/** A string of header characters. */
export function headerString(fc: FastCheck, maxLength = 40): Arbitrary<string> {
  return fc.string({ unit: headerChar(fc), maxLength });
}

/** Maps anything a header cannot carry to "?", and cuts it to `limit` characters. */
export function toHeaderValue(value: string, limit: number): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    out += code === 0x09 || (code >= 0x20 && code <= 0xff && code !== 0x7f) ? char : '?';
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}
