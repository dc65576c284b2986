/**
 * RFC 6749 §3.3: scope = scope-token *( SP scope-token ),
 * scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
 */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export function isScopeToken(value: string): boolean {
  return SCOPE_TOKEN.test(value);
}

/** Parses a space-delimited scope string. Returns null when the syntax is invalid. */
export function parseScope(value: string): string[] | null {
  if (value === '') return [];
  const parts = value.split(' ');
  if (!parts.every(isScopeToken)) return null;
  return [...new Set(parts)];
}

export function formatScope(scope: readonly string[]): string {
  return scope.join(' ');
}

export function isSubset(requested: readonly string[], allowed: readonly string[]): boolean {
  const set = new Set(allowed);
  return requested.every((s) => set.has(s));
}
