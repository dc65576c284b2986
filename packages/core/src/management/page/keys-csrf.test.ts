import { describe, expect, it } from 'vitest';
import { CSRF_LIFETIME_SECONDS, CsrfTokens } from './csrf.js';
import { derivePageKeys } from './keys.js';

const credentials = { username: 'admin', password: 'admin-password' };
const now = Date.UTC(2030, 0, 1);

describe('page keys', () => {
  it('are the same for the same credentials, so processes agree', () => {
    const a = derivePageKeys(credentials);
    const b = derivePageKeys({ ...credentials });
    expect(a.csrf.equals(b.csrf)).toBe(true);
    expect(a.flash.equals(b.flash)).toBe(true);
    expect(a.csrf.equals(a.flash)).toBe(false);
    expect(a.csrf).toHaveLength(32);
  });

  it('change with the password, and are random without credentials', () => {
    const a = derivePageKeys(credentials);
    expect(a.csrf.equals(derivePageKeys({ ...credentials, password: 'other' }).csrf)).toBe(false);
    expect(derivePageKeys(null).csrf.equals(derivePageKeys(null).csrf)).toBe(false);
  });
});

describe('CSRF tokens', () => {
  const tokens = new CsrfTokens(derivePageKeys(credentials).csrf);

  it('verify for about an hour after they are issued', () => {
    const token = tokens.issue(now);
    expect(token).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(tokens.verify(token, now)).toBe(true);
    expect(tokens.verify(token, now + CSRF_LIFETIME_SECONDS * 1000)).toBe(true);
    expect(tokens.verify(token, now + (CSRF_LIFETIME_SECONDS + 1) * 1000)).toBe(false);
  });

  it('tolerate a minute of clock skew, not more', () => {
    expect(tokens.verify(tokens.issue(now + 60_000), now)).toBe(true);
    expect(tokens.verify(tokens.issue(now + 61_000), now)).toBe(false);
  });

  it('refuse a changed timestamp, a forged MAC, another key and garbage', () => {
    const token = tokens.issue(now);
    const [issued, mac] = token.split('.') as [string, string];
    expect(tokens.verify(`${Number(issued) + 1}.${mac}`, now)).toBe(false);
    expect(tokens.verify(`${issued}.${'A'.repeat(43)}`, now)).toBe(false);
    const other = new CsrfTokens(derivePageKeys(null).csrf);
    expect(other.verify(token, now)).toBe(false);
    for (const junk of [null, undefined, '', '.', 'x.y', `${token}x`]) {
      expect(tokens.verify(junk, now)).toBe(false);
    }
  });
});
