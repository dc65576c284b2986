import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  request,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/chromium.js';
import { type DemoProcess, startDemo } from './support/demo-process.js';

const ADMIN = { username: 'admin', password: 'page-test-password' };
const PAGE = '/oauth/management';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HAVE_CHROMIUM = chromiumAvailable();

/** Clicks a form's submit button and waits for the page the redirect lands on. */
async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

/** The page's flash message, or null. */
async function flash(page: Page): Promise<string | null> {
  const box = page.locator('.flash > p');
  return (await box.count()) === 0 ? null : box.textContent();
}

async function addUser(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await submit(page, page.getByRole('button', { name: 'Add user' }));
}

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** Saves the screenshot to .artifacts/, and to docs/ with SENTINEL_UPDATE_SCREENSHOT=1. */
async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(`${ROOT}.artifacts`, { recursive: true });
  const path = `${ROOT}.artifacts/${name}`;
  await page.screenshot({ path, fullPage: true });
  if (process.env.SENTINEL_UPDATE_SCREENSHOT === '1' && name === 'management-page.png') {
    await mkdir(`${ROOT}docs`, { recursive: true });
    await copyFile(path, `${ROOT}docs/${name}`);
  }
}

for (const binding of ['hono', 'express'] as const) {
  describe.skipIf(!HAVE_CHROMIUM)(`management page in Chromium (${binding})`, () => {
    let demo: DemoProcess;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let http: APIRequestContext;
    const dialogs: string[] = [];
    const url = () => `${demo.base}${PAGE}`;
    const contextOptions = () => ({
      ignoreHTTPSErrors: true,
      httpCredentials: { ...ADMIN, origin: demo.base },
      viewport: { width: 1280, height: 900 },
    });
    /** What the scenario made: the user's credentials and the client's. */
    const made = { clientId: '', secret: '', access: '' };

    beforeAll(async () => {
      demo = await startDemo({
        SENTINEL_MANAGEMENT_USERNAME: ADMIN.username,
        SENTINEL_MANAGEMENT_PASSWORD: ADMIN.password,
        SENTINEL_BCRYPT_COST: '4',
        SENTINEL_HTTP: binding,
      });
      browser = await launchChromium();
      context = await browser.newContext(contextOptions());
      page = await context.newPage();
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.accept();
      });
      http = await request.newContext({ ignoreHTTPSErrors: true });
    });

    afterAll(async () => {
      await http?.dispose();
      await browser?.close();
      await demo?.stop();
    });

    it('logs in with Basic auth and shows the page with its security headers', async () => {
      const response = await page.goto(url());
      expect(response?.status()).toBe(200);
      expect(demo.stdout()).toContain(`(${binding})`);
      expect(await page.title()).toBe('Sentinel management');
      const headers = response?.headers() ?? {};
      expect(headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'nonce-/);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['cache-control']).toBe('no-store');
      expect(await page.locator('#users-heading').textContent()).toBe('Users 0');
    });

    it('adds a user and a confidential client; the secret is shown once', async () => {
      await addUser(page, 'carol', 'carol-password');
      expect(await flash(page)).toBe('User "carol" was added.');
      expect(await page.getByRole('cell', { name: 'carol', exact: true }).count()).toBe(1);

      await page.getByLabel('Name (optional)').fill('Back office');
      await page.getByLabel('Scopes').fill('read write');
      await page.getByLabel('confidential (gets a secret)').check();
      await submit(page, page.getByRole('button', { name: 'Add client' }));
      expect(await flash(page)).toBe('Client "Back office" was added.');
      made.secret = (await page.locator('#client-secret').textContent()) ?? '';
      made.clientId = (await page.locator('.secret p code').textContent()) ?? '';
      expect(made.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(made.clientId).toMatch(/^[A-Za-z0-9]{40}$/);
      // JavaScript reveals the copy button.
      expect(await page.getByRole('button', { name: 'Copy' }).isVisible()).toBe(true);

      await page.reload();
      expect(await page.locator('#client-secret').count()).toBe(0);
      expect(await page.content()).not.toContain(made.secret);
      expect(await page.getByRole('cell', { name: 'Back office', exact: true }).count()).toBe(1);
    });

    it('the user gets a token with the client’s secret; deleting the user revokes it', async () => {
      const issued = await http.post(`${demo.base}/oauth/token`, {
        headers: { Authorization: basic(made.clientId, made.secret) },
        form: { grant_type: 'password', username: 'carol', password: 'carol-password' },
      });
      expect(issued.status()).toBe(200);
      const body = (await issued.json()) as { access_token: string; scope: string };
      expect(body.scope).toBe('read write');
      made.access = body.access_token;
      const call = () =>
        http.get(`${demo.base}/endpoint`, {
          headers: { Authorization: `Bearer ${made.access}` },
        });
      expect((await call()).status()).toBe(200);

      const row = page.getByRole('row').filter({ hasText: 'carol' });
      await submit(page, row.getByRole('button', { name: 'Delete carol' }));
      expect(dialogs.at(-1)).toBe('Delete the user carol? Their tokens are revoked.');
      expect(await flash(page)).toBe('User "carol" was deleted and their tokens revoked.');
      expect((await call()).status()).toBe(401);
    });

    it('refuses forged posts with 403: no CSRF token, or another origin', async () => {
      // The add-user form, filled in, with its CSRF field taken out: a same-origin forgery.
      await page.goto(url());
      await page.getByLabel('Username').fill('mallory');
      await page.getByLabel('Password', { exact: true }).fill('mallory-password');
      await page.getByLabel('Confirm password').fill('mallory-password');
      const form = page.locator('form[aria-labelledby="add-user-heading"]');
      await form.locator('input[name=csrf]').evaluate((input) => input.remove());
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        form.getByRole('button', { name: 'Add user' }).click(),
      ]);
      expect(response.status()).toBe(403);
      await page.waitForLoadState();
      expect(await page.locator('h1').textContent()).toBe('403 Forbidden');

      await page.goto(url());
      const csrf = await page.locator('input[name=csrf]').first().inputValue();
      const fields = { intent: 'add-user', username: 'mallory', password: 'x'.repeat(9) };
      const noToken = await page.request.post(url(), {
        form: { ...fields, confirm: fields.password },
        headers: { Origin: demo.base },
      });
      expect(noToken.status()).toBe(403);
      const elsewhere = await page.request.post(url(), {
        form: { ...fields, confirm: fields.password, csrf },
        headers: { Origin: 'https://evil.example' },
      });
      expect(elsewhere.status()).toBe(403);
      await page.reload();
      expect(await page.getByRole('cell', { name: 'mallory' }).count()).toBe(0);
    });

    it('can be used with the keyboard: Tab reaches the first field; every input is labelled', async () => {
      const fresh = await context.newPage();
      await fresh.goto(url());
      await fresh.keyboard.press('Tab');
      expect(await fresh.locator(':focus').getAttribute('id')).toBe('new-username');
      const unlabelled: string[] = [];
      for (const input of await fresh.locator('input:not([type=hidden])').all()) {
        const id = await input.getAttribute('id');
        const byFor = id === null ? 0 : await fresh.locator(`label[for="${id}"]`).count();
        const wrapped = await input.locator('xpath=ancestor::label').count();
        if (byFor + wrapped === 0) unlabelled.push(id ?? (await input.getAttribute('name')) ?? '?');
      }
      expect(unlabelled).toEqual([]);
      await fresh.keyboard.type('erin');
      await fresh.keyboard.press('Tab');
      await fresh.keyboard.type('erin-password');
      await fresh.keyboard.press('Tab');
      await fresh.keyboard.type('erin-password');
      await Promise.all([fresh.waitForEvent('load'), fresh.keyboard.press('Enter')]);
      expect(await flash(fresh)).toBe('User "erin" was added.');
      await fresh.close();
    });

    it('works with JavaScript disabled', async () => {
      const plain = await browser.newContext({ ...contextOptions(), javaScriptEnabled: false });
      const noJs = await plain.newPage();
      await noJs.goto(url());
      await addUser(noJs, 'frank', 'frank-password');
      expect(await flash(noJs)).toBe('User "frank" was added.');
      expect(await noJs.getByRole('cell', { name: 'frank', exact: true }).count()).toBe(1);
      // Without the script there is nothing to copy with, so the button stays hidden.
      await noJs.getByLabel('Name (optional)').fill('Batch job');
      await noJs.getByLabel('confidential (gets a secret)').check();
      await submit(noJs, noJs.getByRole('button', { name: 'Add client' }));
      expect(await noJs.locator('#client-secret').textContent()).toMatch(/^[\w-]{43}$/);
      expect(await noJs.locator('button[data-copy]').isHidden()).toBe(true);
      await plain.close();
    });

    it('looks clean (screenshot)', async () => {
      await addUser(page, 'grace', 'grace-password');
      await page.getByLabel('Name (optional)').fill('Mobile app');
      await page.getByLabel('Scopes').fill('read');
      await submit(page, page.getByRole('button', { name: 'Add client' }));
      await page.getByLabel('Name (optional)').fill('Reporting service');
      await page.getByLabel('confidential (gets a secret)').check();
      await page.getByLabel('Scopes').fill('read reports');
      await submit(page, page.getByRole('button', { name: 'Add client' }));
      expect(await page.locator('#client-secret').count()).toBe(1);
      await saveScreenshot(
        page,
        binding === 'hono' ? 'management-page.png' : `management-page-${binding}.png`,
      );
    });
  });
}
