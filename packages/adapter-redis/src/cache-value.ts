import type { CachedToken, CacheLookup } from '@sentinel/core';

/** The value stored for a revoked token. A record is JSON and always starts with `{`. */
export const TOMBSTONE = 'r';

/** The stored shape of a `CachedToken`: short field names keep each entry small. */
interface CompactRecord {
  /** userId */
  u: string | null;
  /** username */
  n: string | null;
  /** clientId */
  c: string;
  /** scope */
  s: string[];
  /** expiresAt, milliseconds since the epoch */
  e: number;
}

/** Encodes a cache entry as compact JSON. */
export function encodeToken(token: CachedToken): string {
  const record: CompactRecord = {
    u: token.userId,
    n: token.username,
    c: token.clientId,
    s: [...token.scope],
    e: token.expiresAt,
  };
  return JSON.stringify(record);
}

/** The outcome of reading a stored value: a lookup, or `malformed` for a value this code never wrote. */
export type DecodedValue = CacheLookup | { readonly status: 'malformed' };

/** Decodes what `GET` returned; never throws. */
export function decodeValue(value: string | null): DecodedValue {
  if (value === null) return { status: 'miss' };
  if (value === TOMBSTONE) return { status: 'revoked' };
  const record = parseRecord(value);
  if (!record) return { status: 'malformed' };
  return {
    status: 'hit',
    token: {
      userId: record.u,
      username: record.n,
      clientId: record.c,
      scope: record.s,
      expiresAt: record.e,
    },
  };
}

function parseRecord(value: string): CompactRecord | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { u, n, c, s, e } = parsed as Record<string, unknown>;
  if (!isNullableString(u) || !isNullableString(n) || typeof c !== 'string') return null;
  if (!isStringArray(s) || typeof e !== 'number' || !Number.isFinite(e)) return null;
  return { u, n, c, s, e };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isNullableString(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}
