import { describe, expect, it } from 'vitest';
import { FLASH_COOKIE, FlashCookie } from './flash.js';
import { derivePageKeys } from './keys.js';
import { crossOriginReason } from './origin.js';

const key = derivePageKeys({ username: 'admin', password: 'pw' }).flash;
const now = Date.UTC(2030, 0, 1);
const flash = {
  kind: 'success' as const,
  message: 'Client "x" was added.',
  secret: { clientId: 'abc', value: 's3cret' },
};
/** The `Cookie` header a browser sends back for a `Set-Cookie` value. */
const cookieOf = (setCookie: string) => setCookie.split(';')[0] ?? '';

describe('flash cookie', () => {
  const jar = new FlashCookie(key, '/oauth/management');

  it('round-trips a flash, encrypted, with strict attributes', () => {
    const set = jar.seal(flash, now, true);
    expect(set).toMatch(
      /^sentinel_flash=[A-Za-z0-9_-]+; Max-Age=60; Path=\/oauth\/management; HttpOnly; SameSite=Strict; Secure$/,
    );
    expect(set).not.toContain('s3cret');
    expect(jar.open(`other=1; ${cookieOf(set)}`, now)).toEqual(flash);
    expect(jar.seal(flash, now, false)).not.toContain('Secure');
  });

  it('is unreadable after a minute, with another key or path, or when tampered with', () => {
    const cookie = cookieOf(jar.seal(flash, now, true));
    expect(jar.open(cookie, now + 61_000)).toBeNull();
    expect(
      new FlashCookie(derivePageKeys(null).flash, '/oauth/management').open(cookie, now),
    ).toBeNull();
    expect(new FlashCookie(key, '/elsewhere').open(cookie, now)).toBeNull();
    const value = cookie.slice(FLASH_COOKIE.length + 1);
    const flipped = `${value.slice(0, 20)}${value[20] === 'A' ? 'B' : 'A'}${value.slice(21)}`;
    expect(jar.open(`${FLASH_COOKIE}=${flipped}`, now)).toBeNull();
    for (const junk of [
      null,
      '',
      `${FLASH_COOKIE}=`,
      `${FLASH_COOKIE}=!!`,
      `${FLASH_COOKIE}=AAAA`,
    ]) {
      expect(jar.open(junk, now)).toBeNull();
    }
  });

  it('is cleared with Max-Age=0 on the same path', () => {
    expect(jar.clear(true)).toBe(
      'sentinel_flash=; Max-Age=0; Path=/oauth/management; HttpOnly; SameSite=Strict; Secure',
    );
    expect(new FlashCookie(key, '/a;b').clear(false)).toContain('Path=/;');
  });
});

describe('origin check', () => {
  const post = (headers: Record<string, string>) =>
    new Request('https://sentinel.test/oauth/management', { method: 'POST', headers });

  it('accepts the page’s own origin, from Origin or else from Referer', () => {
    expect(crossOriginReason(post({ Origin: 'https://sentinel.test' }))).toBeNull();
    expect(
      crossOriginReason(post({ Referer: 'https://sentinel.test/oauth/management' })),
    ).toBeNull();
  });

  it('refuses another origin, a null origin, a bad Referer and neither header', () => {
    const cases: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: 'https://sentinel.test:8443' },
      { Origin: 'null', Referer: 'https://sentinel.test/' },
      { Origin: 'https://evil.example', Referer: 'https://sentinel.test/' },
      { Referer: 'https://evil.example/' },
      { Referer: 'not a url' },
      {},
    ];
    for (const headers of cases) {
      expect(crossOriginReason(post(headers))).toEqual(expect.any(String));
    }
  });
});
