import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** A message shown once, on the page the browser is redirected to after a form post. */
export interface Flash {
  readonly kind: 'success' | 'error';
  readonly message: string;
  /** A client secret, shown once right after it was made or rotated. */
  readonly secret?: { readonly clientId: string; readonly value: string };
}

/** The cookie's name. It lives only on the page's path. */
export const FLASH_COOKIE = 'sentinel_flash';
/** Seconds the cookie lives: long enough to follow one redirect. */
export const FLASH_MAX_AGE = 60;

const payload = z.object({
  kind: z.enum(['success', 'error']),
  message: z.string(),
  secret: z.object({ clientId: z.string(), value: z.string() }).optional(),
  /** Expiry, epoch seconds: the cookie's Max-Age, enforced by the server too. */
  exp: z.number(),
});

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The flash message in a short-lived cookie, encrypted and authenticated with AES-256-GCM, so it
 * can carry a client secret and any process sharing the key can read it. Reading it clears it.
 */
export class FlashCookie {
  readonly #aad: Buffer;
  readonly #cookiePath: string;

  constructor(
    private readonly key: Buffer,
    path: string,
  ) {
    this.#aad = Buffer.from(`${FLASH_COOKIE}|${path}`, 'utf8');
    // A path with a character that would end the attribute early falls back to the whole site.
    this.#cookiePath = /^[\x21-\x2B\x2D-\x3A\x3C-\x7E]+$/.test(path) ? path : '/';
  }

  /** The `Set-Cookie` value that carries `flash` to the next page view. */
  seal(flash: Flash, nowMs: number, secure: boolean): string {
    const body = { ...flash, exp: Math.floor(nowMs / 1000) + FLASH_MAX_AGE };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(this.#aad);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
    const value = Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
    return this.#cookie(value, FLASH_MAX_AGE, secure);
  }

  /** The `Set-Cookie` value that deletes the cookie. */
  clear(secure: boolean): string {
    return this.#cookie('', 0, secure);
  }

  /** The raw cookie value in a `Cookie` header, or null when there is none. */
  present(cookieHeader: string | null): string | null {
    for (const part of (cookieHeader ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq !== -1 && part.slice(0, eq).trim() === FLASH_COOKIE) {
        return part.slice(eq + 1).trim();
      }
    }
    return null;
  }

  /** The flash in a `Cookie` header, or null when absent, expired, forged or unreadable. */
  open(cookieHeader: string | null, nowMs: number): Flash | null {
    const raw = this.present(cookieHeader);
    if (raw === null || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
    const bytes = Buffer.from(raw, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(this.#aad);
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const text = Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
      const parsed = payload.safeParse(JSON.parse(text));
      if (!parsed.success || parsed.data.exp < Math.floor(nowMs / 1000)) return null;
      const { exp: _exp, ...flash } = parsed.data;
      return flash;
    } catch {
      return null;
    }
  }

  #cookie(value: string, maxAge: number, secure: boolean): string {
    const attributes = [
      `Max-Age=${maxAge}`,
      `Path=${this.#cookiePath}`,
      'HttpOnly',
      'SameSite=Strict',
    ];
    if (secure) attributes.push('Secure');
    return [`${FLASH_COOKIE}=${value}`, ...attributes].join('; ');
  }
}
