import { describe, expect, it } from 'vitest';
import { basic, type ConformanceApp, login, PASSWORD, token, world } from './helpers.js';
import { flashText, PAGE, PageSession, shownSecret } from './page-session.js';

const addBob = {
  intent: 'add-user',
  username: 'bob',
  password: 'bob-password',
  confirm: 'bob-password',
};

/** The management web page through the binding: statuses, headers, redirects and refusals. */
export function managementPageTests(app: ConformanceApp): void {
  describe('management page', () => {
    it('RFC 7617: asks for the management credentials with a Basic challenge', async () => {
      const w = await world(app);
      for (const authorization of [null, basic('admin', 'wrong')]) {
        const view = await new PageSession(w.fetch, { authorization }).get();
        expect(view.response.status).toBe(401);
        expect(view.response.headers.get('www-authenticate')).toMatch(
          /^Basic realm="Sentinel management"/,
        );
        expect(view.response.headers.get('content-type')).toMatch(/^text\/html/);
        expect(view.html).not.toMatch(/users-heading|at .*\.js/);
      }
    });

    it('is off without credentials unless insecureOpen is set', async () => {
      const closed = await world(app, { management: {} });
      const off = await new PageSession(closed.fetch, { authorization: null }).get();
      expect(off.response.status).toBe(404);
      const open = await world(app, { management: { insecureOpen: true } });
      const view = await new PageSession(open.fetch, { authorization: null }).get();
      expect(view.response.status).toBe(200);
      const added = await new PageSession(open.fetch, { authorization: null }).submit(addBob);
      expect(flashText(added.html)).toBe('User &quot;bob&quot; was added.');
    });

    it('serves HTML with a strict CSP, nosniff, same-origin referrers and no-store', async () => {
      const w = await world(app);
      const { response, html } = await new PageSession(w.fetch).get();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = response.headers.get('content-security-policy') ?? '';
      const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain(`style-src 'nonce-${nonce}'`);
      expect(csp).toMatch(/form-action 'self'.*frame-ancestors 'none'.*base-uri 'none'/);
      expect(html).toContain(`<script nonce="${nonce}">`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(html).not.toMatch(/\$2[aby]\$/);
    });

    it('a form post redirects back with 303 and a flash cookie, shown once', async () => {
      const w = await world(app);
      const page = new PageSession(w.fetch);
      await page.get();
      const posted = await page.post(addBob);
      expect(posted.status).toBe(303);
      expect(posted.headers.get('location')).toBe(PAGE);
      const cookie = posted.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^sentinel_flash=[A-Za-z0-9_-]+; /);
      for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Strict', `Path=${PAGE}`]) {
        expect(cookie).toContain(attribute);
      }
      expect(cookie).toMatch(/Max-Age=60\b/);
      const next = await page.get();
      expect(flashText(next.html)).toBe('User &quot;bob&quot; was added.');
      expect(next.response.headers.get('set-cookie')).toMatch(/^sentinel_flash=; Max-Age=0/);
      expect(next.html).toContain('<td data-label="Username">bob</td>');
      expect(flashText((await page.get()).html)).toBeNull();
      expect((await login(w, { username: 'bob', password: 'bob-password' })).status).toBe(200);
    });

    it('a use case’s refusal comes back as an error flash', async () => {
      const w = await world(app);
      const page = new PageSession(w.fetch);
      const view = await page.submit({ ...addBob, username: 'alice' });
      expect(flashText(view.html)).toBe('A user with this username already exists.');
      expect(view.html).toContain('flash-error');
    });

    it('a confidential client’s secret is shown once and works', async () => {
      const w = await world(app);
      const page = new PageSession(w.fetch);
      const view = await page.submit({
        intent: 'add-client',
        type: 'confidential',
        name: 'Back office',
        grants: ['password'],
        scopes: 'read',
      });
      const secret = shownSecret(view.html);
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(shownSecret((await page.get()).html)).toBeNull();
      const client = (await w.sentinel.clients.list()).find((c) => c.name === 'Back office');
      const answer = await token(
        w,
        { grant_type: 'password', username: 'alice', password: PASSWORD },
        { headers: { Authorization: basic(client?.clientId ?? '', secret ?? '') } },
      );
      expect(answer.status).toBe(200);
    });

    it('refuses a post without a valid CSRF token with 403, changing nothing', async () => {
      const w = await world(app);
      const page = new PageSession(w.fetch);
      const { csrf } = await page.get();
      const forged = `${csrf.split('.')[0]}.${'A'.repeat(43)}`;
      for (const token of [null, '', forged, 'not-a-token']) {
        const answer = await page.post(addBob, { csrf: token });
        expect(answer.status).toBe(403);
        expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
        expect(answer.headers.get('set-cookie')).toBeNull();
        expect(await answer.text()).toContain('security token');
      }
      expect((await w.sentinel.users.list()).map((u) => u.username)).toEqual(['alice']);
    });

    it('refuses a post from another origin, or of unknown origin, with 403', async () => {
      const w = await world(app);
      const page = new PageSession(w.fetch);
      await page.get();
      const refused = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { origin: 'http://sentinel.test' },
        { origin: null, referer: 'https://evil.example/form' },
        { origin: null },
      ];
      for (const options of refused) {
        expect((await page.post(addBob, options)).status).toBe(403);
      }
      expect((await w.sentinel.users.list()).map((u) => u.username)).toEqual(['alice']);
      const viaReferer = await page.post(addBob, { origin: null, referer: `${page.base}${PAGE}` });
      expect(viaReferer.status).toBe(303);
    });

    it('escapes user-supplied values', async () => {
      const w = await world(app);
      const page = new PageSession(w.fetch);
      const evil = '<script>alert(1)</script>';
      const view = await page.submit({ ...addBob, username: evil });
      expect(view.html).not.toContain(evil);
      expect(view.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('other methods are 405 with Allow; other bodies are 415', async () => {
      const w = await world(app);
      const page = new PageSession(w.fetch);
      const put = await page.get({}, 'PUT');
      expect(put.response.status).toBe(405);
      expect(put.response.headers.get('allow')).toBe('GET, HEAD, POST');
      await page.get();
      const json = await page.post(addBob, { contentType: 'application/json' });
      expect(json.status).toBe(415);
    });

    it('follows the prefix and management URL; false turns the page off', async () => {
      const w = await world(app, { routePrefix: '/auth', managementUrl: '/admin' });
      expect((await new PageSession(w.fetch).get()).response.status).toBe(404);
      const moved = new PageSession(w.fetch, { path: '/auth/admin' });
      expect((await moved.get()).response.status).toBe(200);
      const posted = await moved.post(addBob);
      expect(posted.headers.get('location')).toBe('/auth/admin');
      expect(posted.headers.get('set-cookie')).toContain('Path=/auth/admin');
      const off = await world(app, { managementUrl: false });
      expect((await new PageSession(off.fetch).get()).response.status).toBe(404);
    });
  });
}
