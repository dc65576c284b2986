import { expect } from 'vitest';
import { admin, BASE } from './helpers.js';

export const PAGE = '/oauth/management';

/** A page answer, read. */
export interface PageView {
  readonly response: Response;
  readonly html: string;
  /** The CSRF token of the page's forms ('' when the page has none). */
  readonly csrf: string;
}

export interface PostOptions {
  /** The CSRF token to send; the last page's by default, null to send none. */
  readonly csrf?: string | null;
  /** The Origin header; the page's own by default, null to send none. */
  readonly origin?: string | null;
  readonly referer?: string;
  readonly contentType?: string;
}

/**
 * A tiny browser for the management page: it keeps cookies, sends the management credentials,
 * the page's origin and the last CSRF token, the way a browser posting the page's forms would.
 */
export class PageSession {
  readonly cookies = new Map<string, string>();
  last: PageView | null = null;

  constructor(
    private readonly fetch: (request: Request) => Promise<Response>,
    readonly options: { path?: string; authorization?: string | null; base?: string } = {},
  ) {}

  get path(): string {
    return this.options.path ?? PAGE;
  }

  get base(): string {
    return this.options.base ?? BASE;
  }

  /** Loads the page. */
  async get(headers: Record<string, string> = {}, method = 'GET'): Promise<PageView> {
    const response = await this.#send(method, headers);
    const html = await response.text();
    const csrf = /name="csrf" value="([^"]*)"/.exec(html)?.[1] ?? '';
    this.last = { response, html, csrf };
    return this.last;
  }

  /** Posts a form to the page, as its forms do. */
  async post(
    fields: Record<string, string | readonly string[]>,
    options: PostOptions = {},
  ): Promise<Response> {
    const csrf = options.csrf === undefined ? (this.last?.csrf ?? '') : options.csrf;
    const body = new URLSearchParams();
    if (csrf !== null) body.append('csrf', csrf);
    for (const [name, value] of Object.entries(fields)) {
      for (const one of typeof value === 'string' ? [value] : value) body.append(name, one);
    }
    const headers: Record<string, string> = {
      'Content-Type': options.contentType ?? 'application/x-www-form-urlencoded',
    };
    const origin = options.origin === undefined ? this.base : options.origin;
    if (origin !== null) headers.Origin = origin;
    if (options.referer !== undefined) headers.Referer = options.referer;
    return this.#send('POST', headers, body.toString());
  }

  /** Loads the page, posts a form, expects the 303 back and follows it. */
  async submit(fields: Record<string, string | readonly string[]>): Promise<PageView> {
    if (this.last === null) await this.get();
    const response = await this.post(fields);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(this.path);
    return this.get();
  }

  async #send(method: string, headers: Record<string, string>, body?: string) {
    const all = new Headers(headers);
    const authorization =
      this.options.authorization === undefined ? admin.Authorization : this.options.authorization;
    if (authorization !== null) all.set('Authorization', authorization);
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookie !== '') all.set('Cookie', cookie);
    const response = await this.fetch(
      new Request(`${this.base}${this.path}`, { method, headers: all, body: body ?? null }),
    );
    this.#keep(response.headers.get('set-cookie'));
    return response;
  }

  #keep(setCookie: string | null): void {
    if (setCookie === null) return;
    const [pair = '', ...attributes] = setCookie.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const expired = attributes.some((a) => /^max-age=0$/i.test(a));
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, pair.slice(eq + 1));
  }
}

/** The text of the page's flash message, or null when it shows none. */
export function flashText(html: string): string | null {
  return /<div class="flash[^"]*"[^>]*><p>([^<]*)<\/p>/.exec(html)?.[1] ?? null;
}

/** The client secret the page shows, or null. */
export function shownSecret(html: string): string | null {
  return /<code id="client-secret"[^>]*>([^<]*)<\/code>/.exec(html)?.[1] ?? null;
}
