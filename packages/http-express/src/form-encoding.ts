/**
 * Writes back, as `application/x-www-form-urlencoded`, what body-parser's urlencoded parser (qs,
 * in either `extended` mode) made of a form, so that the core reads the same parameters again:
 *
 * - a parameter sent twice became an array, and is written twice, so the core still sees (and
 *   refuses) the repeat;
 * - an array of one, which only bracket syntax produces (`a[]=x`, `a[0]=x`), is written `a[]=x`;
 * - a nested object (extended mode's `a[b]=c`) is written back in bracket syntax.
 *
 * What the parser already lost cannot come back: it decodes malformed percent-escapes leniently
 * and drops names such as `__proto__`.
 */
export function formEncode(parsed: unknown): string {
  const params = new URLSearchParams();
  const add = (name: string, value: unknown): void => {
    if (Array.isArray(value)) {
      const key = value.length === 1 ? `${name}[]` : name;
      for (const item of value) add(key, item);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) add(`${name}[${key}]`, item);
    } else {
      params.append(name, value === undefined || value === null ? '' : String(value));
    }
  };
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    for (const [name, value] of Object.entries(parsed)) add(name, value);
  }
  return params.toString();
}
