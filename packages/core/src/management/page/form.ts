import { OAuthError } from '../../errors/oauth-error.js';
import { mediaType, readBody } from '../../protocol/body.js';

/**
 * Reads a form post: `application/x-www-form-urlencoded` (what an HTML form sends by default),
 * at most `MAX_BODY_BYTES`. Repeated fields are kept, for checkbox groups.
 */
export async function readForm(request: Request): Promise<URLSearchParams> {
  if (mediaType(request) !== 'application/x-www-form-urlencoded') {
    throw new OAuthError(
      'invalid_request',
      'The form must be sent as application/x-www-form-urlencoded.',
      { status: 415 },
    );
  }
  return new URLSearchParams(await readBody(request));
}

/** A field's value as sent, or `''` when absent. */
export function field(form: URLSearchParams, name: string): string {
  return form.get(name) ?? '';
}

/** A field that must be present and non-empty. */
export function requiredField(form: URLSearchParams, name: string, what: string): string {
  const value = field(form, name);
  if (value === '') throw new OAuthError('invalid_request', `The ${what} is missing.`);
  return value;
}
