import { isSubset, parseScope } from '../domain/scope.js';
import { OAuthError } from '../errors/oauth-error.js';

/**
 * RFC 6749 §3.3: the requested scope must be valid syntax and within `allowed`; an omitted scope
 * gets `fallback` (the client's scopes for a login, the original grant's for a refresh).
 */
export function resolveScope(
  requested: string | undefined,
  allowed: readonly string[],
  fallback: readonly string[] = allowed,
): readonly string[] {
  if (requested === undefined) return fallback;
  const scope = parseScope(requested);
  if (scope === null) throw new OAuthError('invalid_scope', 'The scope is malformed.');
  if (!isSubset(scope, allowed)) {
    throw new OAuthError('invalid_scope', 'The requested scope exceeds what may be granted.');
  }
  return scope;
}
