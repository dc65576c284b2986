import type { Arbitrary } from 'fast-check';
import { BASE } from '../../conformance/helpers.js';
import { type FastCheck, type FuzzOptions, HTTP_HEADER_LIMIT } from '../settings.js';
import { toHeaderValue } from './text.js';

/** Methods a client-facing endpoint or the management API may be asked with. */
const USUAL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Methods Node's HTTP parser knows beyond the usual ones: all of them reach the app. */
const OTHER_KNOWN_METHODS = ['PROPFIND', 'PURGE', 'LINK', 'MKCOL', 'REPORT', 'COPY', 'LOCK'];

/**
 * Method names `fetch` accepts and Node's parser does not: lower-case and made-up ones, and the
 * names of `Object.prototype`'s members, which catch handler tables indexed by method. (Not
 * "patch": undici warns about it, once per process, and "Delete" covers odd case.)
 */
const EXOTIC_METHODS = [
  'constructor',
  'toString',
  'hasOwnProperty',
  '__proto__',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
  'get',
  'post',
  'Delete',
];

/** RFC 9110 token characters, of which a method name is made. */
const TOKEN_CHARS = [
  ..."!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
];

/** `fetch` refuses these outright, so they are never generated. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** An HTTP method: `main` most of the time, else any other the transport can carry. */
export function method(fc: FastCheck, options: FuzzOptions, main: string[]): Arbitrary<string> {
  const others = [
    { arbitrary: fc.constantFrom(...USUAL_METHODS), weight: 2 },
    { arbitrary: fc.constantFrom(...OTHER_KNOWN_METHODS), weight: 1 },
  ];
  if (options.overHttp !== true) {
    others.push({ arbitrary: fc.constantFrom(...EXOTIC_METHODS), weight: 1 });
    others.push({
      arbitrary: fc
        .string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 10 })
        .filter((name) => !FORBIDDEN_METHODS.has(name.toUpperCase())),
      weight: 1,
    });
  }
  return fc.oneof({ arbitrary: fc.constantFrom(...main), weight: 40 }, ...others);
}

/** The client IP the app reports to Sentinel: mostly fresh ones, so the limiter rarely blocks. */
export function clientIp(fc: FastCheck): Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.nat(0xffff).map((n) => `10.1.${n >> 8}.${n & 0xff}`), weight: 8 },
    { arbitrary: fc.constant('127.0.0.1'), weight: 1 },
    { arbitrary: fc.ipV6(), weight: 1 },
  );
}

/** Byte sequences that are not UTF-8: a stray continuation, a truncated sequence, and so on. */
const INVALID_UTF8: readonly (readonly number[])[] = [
  [0xff],
  [0x80],
  [0xc3],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
];

/** Where to splice invalid UTF-8 into a body: usually nowhere. */
export interface Splice {
  readonly at: number;
  readonly bytes: readonly number[];
}

export function splices(fc: FastCheck): Arbitrary<readonly Splice[]> {
  const splice = fc.record({ at: fc.nat(), bytes: fc.constantFrom(...INVALID_UTF8) });
  const none: readonly Splice[] = [];
  return fc.oneof(
    { arbitrary: fc.constant(none), weight: 10 },
    { arbitrary: fc.array(splice, { minLength: 1, maxLength: 3 }), weight: 1 },
  );
}

/** The UTF-8 bytes of `text`, with the splices applied. */
export function toBytes(text: string, spliced: readonly Splice[]): Uint8Array {
  let bytes = Buffer.from(wellFormed(text), 'utf8');
  for (const { at, bytes: extra } of spliced) {
    const i = at % (bytes.length + 1);
    bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(extra), bytes.subarray(i)]);
  }
  return new Uint8Array(bytes);
}

/** Lone surrogates become U+FFFD, as UTF-8 encoding would make them anyway. */
export function wellFormed(text: string): string {
  return text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

/** A `Content-Length` that may lie: only in process, where nothing else reads it. */
export function forgedLength(fc: FastCheck, options: FuzzOptions): Arbitrary<string | null> {
  if (options.overHttp === true) return fc.constant(null);
  return fc.oneof(
    { arbitrary: fc.constant(null), weight: 30 },
    {
      arbitrary: fc.constantFrom('0', '-1', '16385', '99999999999', 'abc', '1e9', '0x10', ' 12 '),
      weight: 1,
    },
    { arbitrary: fc.nat(40_000).map(String), weight: 1 },
  );
}

/** What `request` builds a `Request` from. */
export interface RequestParts {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | null>>;
  readonly body: Uint8Array | null;
}

/**
 * A `Request` to the test origin. Headers are made fit to carry (see `toHeaderValue`) and cut
 * to what the transport allows; a GET or HEAD carries no body, as `fetch` requires.
 */
export function request(parts: RequestParts, options: FuzzOptions): Request {
  const limit = options.overHttp === true ? HTTP_HEADER_LIMIT : 64 * 1024;
  const headers = new Headers();
  for (const [name, value] of Object.entries(parts.headers)) {
    if (value !== null) headers.set(name, toHeaderValue(value, limit));
  }
  const bodyless = ['GET', 'HEAD'].includes(parts.method.toUpperCase());
  return new Request(`${BASE}${parts.path}`, {
    method: parts.method,
    headers,
    ...(bodyless || parts.body === null ? {} : { body: parts.body }),
  });
}
