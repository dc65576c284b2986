import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from './support/demo-process.js';

const ADMIN = {
  SENTINEL_MANAGEMENT_USERNAME: 'admin',
  SENTINEL_MANAGEMENT_PASSWORD: 'template-pw',
};
const AUTH = `Basic ${Buffer.from('admin:template-pw').toString('base64')}`;

/** The example template of the README's "Your own template" section. */
async function readmeTemplate(): Promise<string> {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Your own template'));
  const block = /```html\n([\s\S]*?)```/.exec(section);
  if (!block?.[1]) throw new Error('README has no example template');
  return block[1];
}

describe('the demo picks up templates/management.html from its working directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sentinel-template-'));
    await mkdir(join(dir, 'templates'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders the page with it (the README’s example), escaping user values', async () => {
    await writeFile(join(dir, 'templates', 'management.html'), await readmeTemplate());
    const demo = await startDemo(ADMIN, { cwd: dir });
    const http = await request.newContext({ ignoreHTTPSErrors: true });
    try {
      expect(demo.stdout()).toContain(
        'management page: /oauth/management (templates/management.html)',
      );
      const created = await http.post(`${demo.base}/oauth/management/api/users`, {
        headers: { Authorization: AUTH },
        data: { username: '<i>eve</i>', password: 'eve-password' },
      });
      expect(created.status()).toBe(201);
      const page = await http.get(`${demo.base}/oauth/management`, {
        headers: { Authorization: AUTH },
      });
      expect(page.status()).toBe(200);
      const html = await page.text();
      expect(html).toContain('<h1>Sentinel management</h1>');
      expect(html).toContain('<h2>Users (1)</h2>');
      expect(html).toMatch(/<style nonce="[^"]+">/);
      expect(html).toContain('<td data-label="Username">&lt;i&gt;eve&lt;/i&gt;</td>');
      expect(page.headers()['content-security-policy']).toContain("default-src 'none'");
    } finally {
      await http.dispose();
      await demo.stop();
    }
  });

  it('refuses to start with an unknown placeholder, naming it', async () => {
    await writeFile(join(dir, 'templates', 'management.html'), '<p>{{users}}</p>');
    await expect(startDemo(ADMIN, { cwd: dir })).rejects.toThrow(
      /demo exited with 1:[\s\S]*unknown placeholder\(s\) \{\{users\}\}/,
    );
  });
});
