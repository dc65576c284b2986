import { describe, expect, it } from 'vitest';
import { InlineBcryptHasher } from '../../crypto/bcrypt-hasher.js';
import { silentLogger } from '../../ports/logger.js';
import { createSentinel, type Sentinel } from '../../sentinel.js';
import { basic } from '../../testing/conformance/helpers.js';
import { flashText, PageSession, shownSecret } from '../../testing/conformance/page-session.js';
import { MemoryClientStore } from '../../testing/memory/client-store.js';
import { MemoryTokenStore } from '../../testing/memory/token-store.js';
import { MemoryUserStore } from '../../testing/memory/user-store.js';
import { createMemorySentinel } from '../../testing/memory-sentinel.js';
import type { ManagementPageData } from './data.js';
import type { ManagementPageRenderer } from './template.js';

const PASSWORD = 'long enough';
const addUser = (username: string, password = PASSWORD) => ({
  intent: 'add-user',
  username,
  password,
  confirm: password,
});

/** The page of a core, through `sentinel.handle` alone. */
function pageOf(sentinel: Sentinel, options: ConstructorParameters<typeof PageSession>[1] = {}) {
  const fetch = async (request: Request) =>
    (await sentinel.handle(request)) ?? new Response('not Sentinel’s', { status: 404 });
  return new PageSession(fetch, options);
}

function setup() {
  const core = createMemorySentinel();
  return { ...core, page: pageOf(core.sentinel) };
}

async function passwordLogin(
  sentinel: Sentinel,
  clientId: string,
  username: string,
  password: string,
) {
  const response = await sentinel.handle(
    new Request('https://sentinel.test/oauth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: clientId,
        username,
        password,
      }),
    }),
  );
  return { status: response?.status, body: (await response?.json()) as Record<string, string> };
}

async function bearer(sentinel: Sentinel, accessToken: string) {
  return (await sentinel.authenticator()(`Bearer ${accessToken}`)).ok;
}

describe('management page: authentication', () => {
  it('answers 401 with a Basic challenge and a plain HTML reason', async () => {
    const { sentinel } = createMemorySentinel();
    for (const authorization of [null, basic('admin', 'nope'), 'Bearer x']) {
      const view = await pageOf(sentinel, { authorization }).get();
      expect(view.response.status).toBe(401);
      expect(view.response.headers.get('www-authenticate')).toBe(
        'Basic realm="Sentinel management", charset="UTF-8"',
      );
      expect(view.response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(view.html).toContain('Management credentials are required.');
      expect(view.html).not.toMatch(/\bat\s.+:\d+|Error:/);
    }
  });

  it('is not Sentinel’s route when management is off', async () => {
    const { sentinel } = createMemorySentinel({ config: { management: {} } });
    const request = new Request('https://sentinel.test/oauth/management');
    expect(await sentinel.handle(request)).toBeNull();
  });
});

describe('management page: users', () => {
  it('lists users without a password hash, with the password rules', async () => {
    const { sentinel, page } = setup();
    await sentinel.users.create({ username: 'alice', password: PASSWORD });
    const { html } = await page.get();
    expect(html).toContain('<td data-label="Username">alice</td>');
    expect(html).not.toMatch(/\$2[aby]\$/);
    expect(html).toContain('at least 8 characters long and at most 72 bytes');
    expect(html).toContain('minlength="8"');
  });

  it('adds a user, and reports a duplicate, a short password or a mismatch', async () => {
    const { sentinel, page } = setup();
    expect(flashText((await page.submit(addUser('bob'))).html)).toBe(
      'User &quot;bob&quot; was added.',
    );
    const cases: [Record<string, string>, string][] = [
      [addUser('bob'), 'A user with this username already exists.'],
      [addUser('carol', 'short'), 'The password must be at least 8 characters long.'],
      [{ ...addUser('carol'), confirm: 'different' }, 'The password and its confirmation differ.'],
      [
        addUser(' carol'),
        expect.stringContaining('The username must be 1 to 128 characters') as never,
      ],
      [{ intent: 'launch-rockets' }, 'The form has no known intent.'],
    ];
    for (const [fields, message] of cases) {
      const view = await page.submit(fields);
      expect(flashText(view.html)).toEqual(message);
      expect(view.html).toContain('role="alert"');
    }
    expect((await sentinel.users.list()).map((u) => u.username)).toEqual(['bob']);
  });

  it('sets a password, disables, enables, revokes tokens and deletes, ending sessions', async () => {
    const { sentinel, page } = setup();
    const { client } = await sentinel.clients.create({ type: 'public' });
    const alice = await sentinel.users.create({ username: 'alice', password: PASSWORD });
    const signIn = (password = PASSWORD) =>
      passwordLogin(sentinel, client.clientId, 'alice', password);
    const id = alice.id;

    let access = (await signIn()).body.access_token ?? '';
    let view = await page.submit({
      intent: 'set-password',
      id,
      password: 'brand new pw',
      confirm: 'brand new pw',
    });
    expect(flashText(view.html)).toBe(
      'The password of &quot;alice&quot; was changed and their tokens revoked.',
    );
    expect(await bearer(sentinel, access)).toBe(false);
    expect((await signIn()).status).toBe(400);
    access = (await signIn('brand new pw')).body.access_token ?? '';

    view = await page.submit({ intent: 'disable-user', id });
    expect(flashText(view.html)).toBe(
      'User &quot;alice&quot; was disabled and their tokens revoked.',
    );
    expect(view.html).toContain('<span class="badge off">Disabled</span>');
    expect(view.html).toContain('value="enable-user"');
    expect(await bearer(sentinel, access)).toBe(false);

    view = await page.submit({ intent: 'enable-user', id });
    expect(flashText(view.html)).toBe('User &quot;alice&quot; was enabled.');
    access = (await signIn('brand new pw')).body.access_token ?? '';

    view = await page.submit({ intent: 'revoke-tokens', id });
    expect(flashText(view.html)).toBe('Revoked 2 tokens of &quot;alice&quot;.');
    expect(await bearer(sentinel, access)).toBe(false);

    access = (await signIn('brand new pw')).body.access_token ?? '';
    view = await page.submit({ intent: 'delete-user', id });
    expect(flashText(view.html)).toBe(
      'User &quot;alice&quot; was deleted and their tokens revoked.',
    );
    expect(view.html).toContain('No users yet.');
    expect(await bearer(sentinel, access)).toBe(false);
    view = await page.submit({ intent: 'delete-user', id });
    expect(flashText(view.html)).toBe('No user has this id.');
  });

  it('shows a hostile username escaped, in the table and in the flash', async () => {
    const { page } = setup();
    const evil = '<script>alert(1)</script>';
    const { html } = await page.submit(addUser(evil));
    expect(html).not.toContain(evil);
    expect(html).toContain('<td data-label="Username">&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(flashText(html)).toBe(
      'User &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; was added.',
    );
    expect(html).toContain('data-confirm="Delete the user &lt;script&gt;');
  });
});

describe('management page: clients', () => {
  it('adds a public client with its grants and scopes, and lists it', async () => {
    const { sentinel, page } = setup();
    const view = await page.submit({
      intent: 'add-client',
      type: 'public',
      name: 'Mobile app',
      grants: ['password', 'refresh_token'],
      scopes: 'read  write\tread',
    });
    expect(flashText(view.html)).toBe('Client &quot;Mobile app&quot; was added.');
    expect(shownSecret(view.html)).toBeNull();
    const [client] = await sentinel.clients.list();
    expect(client).toMatchObject({ name: 'Mobile app', type: 'public', scopes: ['read', 'write'] });
    expect(view.html).toContain(`<code>${client?.clientId}</code>`);
    expect(view.html).toContain('<code class="chip">write</code>');
  });

  it('reports a bad scope, type or grant with the API’s description', async () => {
    const { sentinel, page } = setup();
    const cases: [Record<string, string | string[]>, string][] = [
      [
        { intent: 'add-client', type: 'public', grants: 'password', scopes: 'read "x"' },
        'Each scope must be a valid RFC 6749 scope token.',
      ],
      [
        { intent: 'add-client', type: 'secret', grants: 'password' },
        'The client type must be public or confidential.',
      ],
      [{ intent: 'add-client', type: 'public' }, 'grants must not be empty.'],
      [{ intent: 'add-client', type: 'public', grants: 'implicit' }, 'Unknown grant type.'],
      [
        { intent: 'add-client', type: 'public', grants: 'client_credentials' },
        'A public client cannot use client_credentials: it has no secret to prove itself with.',
      ],
    ];
    for (const [fields, message] of cases) {
      expect(flashText((await page.submit(fields)).html)).toBe(message);
    }
    expect(await sentinel.clients.list()).toEqual([]);
  });

  it('shows a new secret exactly once, which works; rotation replaces it', async () => {
    const { sentinel, page, clock } = setup();
    await sentinel.users.create({ username: 'alice', password: PASSWORD });
    let view = await page.submit({
      intent: 'add-client',
      type: 'confidential',
      grants: ['password'],
    });
    const secret = shownSecret(view.html) ?? '';
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(view.html).toContain('shown only this once');
    const [client] = await sentinel.clients.list();
    const clientId = client?.clientId ?? '';
    expect(view.html).toContain(`data-copy="client-secret"`);
    // Shown once: the cookie is cleared, and even a replayed copy is refused after its minute.
    const replay = new Map(page.cookies);
    expect(page.cookies.size).toBe(0);
    const again = await page.get();
    expect(again.html).not.toContain(secret);
    clock.advance(61_000);
    for (const [name, value] of replay) page.cookies.set(name, value);
    expect((await page.get()).html).not.toContain(secret);

    const tokenWith = (clientSecret: string) =>
      sentinel.handle(
        new Request('https://sentinel.test/oauth/token', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            Authorization: basic(clientId, clientSecret),
          },
          body: 'grant_type=password&username=alice&password=long+enough',
        }),
      );
    expect((await tokenWith(secret))?.status).toBe(200);

    view = await page.submit({ intent: 'rotate-secret', client_id: clientId });
    const rotated = shownSecret(view.html) ?? '';
    expect(rotated).not.toBe(secret);
    expect(flashText(view.html)).toContain('has a new secret; the old one no longer works.');
    expect((await tokenWith(secret))?.status).toBe(401);
    expect((await tokenWith(rotated))?.status).toBe(200);
  });

  it('deletes a client; a public client has no secret to rotate', async () => {
    const { sentinel, page } = setup();
    const { client } = await sentinel.clients.create({ type: 'public', name: 'App' });
    expect((await page.get()).html).not.toContain('value="rotate-secret"');
    let view = await page.submit({ intent: 'rotate-secret', client_id: client.clientId });
    expect(flashText(view.html)).toBe('A public client has no secret to rotate.');
    view = await page.submit({ intent: 'delete-client', client_id: client.clientId });
    expect(flashText(view.html)).toBe('Client &quot;App&quot; was deleted and its tokens revoked.');
    expect(await sentinel.clients.list()).toEqual([]);
    view = await page.submit({ intent: 'delete-client', client_id: client.clientId });
    expect(flashText(view.html)).toBe('No client has this client_id.');
  });
});

describe('management page: CSRF and origin', () => {
  it('refuses an expired token with 403 and changes nothing', async () => {
    const { sentinel, page, clock } = setup();
    await page.get();
    clock.advance(3601_000);
    const answer = await page.post(addUser('bob'));
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('security token is missing, forged or expired');
    expect(await sentinel.users.list()).toEqual([]);
  });

  it('accepts a token from another process with the same credentials, not other ones', async () => {
    const first = setup();
    const { csrf } = await first.page.get();
    const second = setup();
    expect((await second.page.post(addUser('bob'), { csrf })).status).toBe(303);
    const other = createMemorySentinel({
      config: { management: { username: 'admin', password: 'different' } },
    });
    const elsewhere = pageOf(other.sentinel, { authorization: basic('admin', 'different') });
    expect((await elsewhere.post(addUser('bob'), { csrf })).status).toBe(403);
  });

  it('refuses a cross-origin post before reading it', async () => {
    const { sentinel, page } = setup();
    await page.get();
    const answer = await page.post(addUser('bob'), { origin: 'https://evil.example' });
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('posted from another origin');
    expect(await sentinel.users.list()).toEqual([]);
  });

  it('ignores a forged flash cookie and clears it', async () => {
    const { page } = setup();
    page.cookies.set('sentinel_flash', 'A'.repeat(80));
    const view = await page.get();
    expect(flashText(view.html)).toBeNull();
    expect(view.response.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('HEAD leaves the flash for the next GET', async () => {
    const { page } = setup();
    await page.get();
    await page.post(addUser('bob'));
    const head = await page.get({}, 'HEAD');
    expect(head.response.status).toBe(200);
    expect(head.html).toBe('');
    expect(flashText((await page.get()).html)).toBe('User &quot;bob&quot; was added.');
  });

  it('a body over the limit is 413', async () => {
    const { page } = setup();
    await page.get();
    expect((await page.post({ ...addUser('bob'), pad: 'x'.repeat(20_000) })).status).toBe(413);
  });
});

describe('management page: template override', () => {
  function withTemplate(managementTemplate: string | ManagementPageRenderer) {
    const sentinel = createSentinel({
      users: new MemoryUserStore(),
      clients: new MemoryClientStore(),
      tokens: new MemoryTokenStore(),
      hasher: new InlineBcryptHasher(4),
      logger: silentLogger,
      config: { bcryptCost: 4, management: { username: 'admin', password: 'admin-password' } },
      managementTemplate,
    });
    return { sentinel, page: pageOf(sentinel) };
  }

  it('a template string places escaped values and ready-made fragments', async () => {
    const { sentinel, page } = withTemplate(
      '<title>{{ title }}</title><style nonce="{{nonce}}"></style><p>{{userCount}} users, {{clientCount}} clients</p>{{html.flash}}<form><input name="csrf" value="{{csrfToken}}"></form>{{html.usersTable}}<i>{{flash.message}}</i>',
    );
    await sentinel.users.create({ username: '<b>bold</b>', password: PASSWORD });
    const view = await page.submit(addUser('x&y'));
    expect(view.html).toMatch(/^<title>Sentinel management<\/title>/);
    const nonce = /nonce-([^']+)'/.exec(view.response.headers.get('content-security-policy') ?? '');
    expect(view.html).toContain(`<style nonce="${nonce?.[1]}">`);
    expect(view.html).toContain('<p>2 users, 0 clients</p>');
    expect(view.html).toContain('<td data-label="Username">&lt;b&gt;bold&lt;/b&gt;</td>');
    expect(view.html).toContain('<i>User &quot;x&amp;y&quot; was added.</i>');
    expect(view.html).not.toContain('<b>bold</b>');
  });

  it('an unknown placeholder is refused when Sentinel is created', () => {
    expect(() => withTemplate('<p>{{users}} {{html.nope}}</p>')).toThrow(
      /unknown placeholder\(s\) \{\{users\}\}, \{\{html\.nope\}\}/,
    );
  });

  it('a render function gets the data, with escaped fragments', async () => {
    const seen: ManagementPageData[] = [];
    const { sentinel, page } = withTemplate((data) => {
      seen.push(data);
      return `<main>${data.html.flash}${data.html.usersTable}</main>`;
    });
    await sentinel.users.create({ username: '<img src=x onerror=alert(1)>', password: PASSWORD });
    const view = await page.submit(addUser('bob'));
    expect(view.html).toContain(
      '<td data-label="Username">&lt;img src=x onerror=alert(1)&gt;</td>',
    );
    expect(view.html).not.toContain('<img');
    const data = seen.at(-1);
    expect(data).toMatchObject({
      title: 'Sentinel management',
      pageUrl: '/oauth/management',
      flash: { kind: 'success', message: 'User "bob" was added.' },
      passwordRules: { minLength: 8, maxBytes: 72 },
      grantTypes: ['password', 'refresh_token', 'client_credentials'],
    });
    expect(data?.users.map((u) => u.username)).toEqual(['<img src=x onerror=alert(1)>', 'bob']);
    expect(JSON.stringify(data)).not.toMatch(/\$2[aby]\$|passwordHash/);
    expect(data?.csrfToken).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
  });

  it('a render function that throws gives a bare 500 page', async () => {
    const { page } = withTemplate(() => {
      throw new Error('template bug at /secret/path.js:1');
    });
    const view = await page.get();
    expect(view.response.status).toBe(500);
    expect(view.html).toContain('The server encountered an unexpected error.');
    expect(view.html).not.toContain('secret/path');
  });
});
