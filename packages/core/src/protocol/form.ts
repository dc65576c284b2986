import { OAuthError } from '../errors/oauth-error.js';

/** Decodes one application/x-www-form-urlencoded component; throws URIError when malformed. */
export function decodeFormComponent(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/**
 * Parses an application/x-www-form-urlencoded body strictly (RFC 6749 §3.1, §3.2, Appendix B):
 * a parameter sent twice is `invalid_request`, malformed percent-escapes are `invalid_request`,
 * and a parameter sent without a value is treated as omitted.
 */
export function parseForm(body: string): Map<string, string> {
  const params = new Map<string, string>();
  const seen = new Set<string>();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    let name: string;
    let value: string;
    try {
      name = decodeFormComponent(rawName);
      value = decodeFormComponent(rawValue);
    } catch {
      throw new OAuthError('invalid_request', 'The request body is not valid form encoding.');
    }
    if (seen.has(name)) {
      throw new OAuthError('invalid_request', `The "${safeName(name)}" parameter is repeated.`);
    }
    seen.add(name);
    if (value !== '') params.set(name, value);
  }
  return params;
}

/** A parameter name fit to echo in an error description. */
function safeName(name: string): string {
  return /^[\w.-]{1,64}$/.test(name) ? name : '(unnamed)';
}
