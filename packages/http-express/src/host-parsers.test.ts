import express, { type Express } from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { expressApp } from '../test/app.js';
import { closeAll, serve } from '../test/harness.js';
import { BASE, loginBody, PASSWORD, seeded, tokenRequest } from '../test/world.js';

/** Host apps that install body parsers before Sentinel, which then finds the stream consumed. */
const setups: [string, ((app: Express) => void) | undefined][] = [
  ['no body parser', undefined],
  [
    'express.urlencoded({ extended: false })',
    (a) => a.use(express.urlencoded({ extended: false })),
  ],
  ['express.urlencoded({ extended: true })', (a) => a.use(express.urlencoded({ extended: true }))],
  ['express.json()', (a) => a.use(express.json())],
  [
    'express.json() and express.urlencoded()',
    (a) => a.use(express.json(), express.urlencoded({ extended: true })),
  ],
];

afterAll(closeAll);

for (const [name, before] of setups) {
  describe(`host app with ${name} before Sentinel`, () => {
    async function setup() {
      const world = await seeded();
      return { ...world, ...serve(expressApp(world.sentinel, before)) };
    }

    it('a login succeeds and its token opens a protected route', async () => {
      const w = await setup();
      const answer = await w.fetch(tokenRequest(loginBody(w.clientId, '&scope=read')));
      expect(answer.status).toBe(200);
      const { access_token: access } = (await answer.json()) as { access_token: string };
      const resource = await w.fetch(
        new Request(`${BASE}/protected`, { headers: { Authorization: `Bearer ${access}` } }),
      );
      expect(resource.status).toBe(200);
      expect(await resource.json()).toMatchObject({ username: 'alice', scope: ['read'] });
    });

    it('a repeated parameter is still invalid_request', async () => {
      const w = await setup();
      for (const body of [
        loginBody(w.clientId, '&username=bob'),
        loginBody(w.clientId, '&grant_type=password'),
        `client_id=${w.clientId}&${loginBody(w.clientId)}`,
      ]) {
        const answer = await w.fetch(tokenRequest(body));
        expect(answer.status).toBe(400);
        expect(await answer.json()).toMatchObject({ error: 'invalid_request' });
      }
    });

    it('a body over 16 KiB is still refused with 413', async () => {
      const w = await setup();
      const answer = await w.fetch(
        tokenRequest(loginBody(w.clientId, `&pad=${'x'.repeat(17_000)}`)),
      );
      expect(answer.status).toBe(413);
    });

    it('the management API still reads its JSON bodies', async () => {
      const w = await setup();
      const answer = await w.fetch(
        new Request(`${BASE}/oauth/management/api/users`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Basic ${Buffer.from('admin:admin-password').toString('base64')}`,
          },
          body: JSON.stringify({ username: 'bob', password: PASSWORD }),
        }),
      );
      expect(answer.status).toBe(201);
      expect(await answer.json()).toMatchObject({ username: 'bob', disabled: false });
    });
  });
}
