import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BINDINGS, startTrustedDemo, type TrustedDemo } from './harness.js';
import { type CreatedClient, createClient, createUser } from './management.js';
import { describeWithTool, PYTHON_REQUESTS_OAUTHLIB } from './tool-gate.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./requests_oauthlib_client.py', import.meta.url));
const USER = { username: 'python-user', password: 'python-user-password' } as const;
const MESSAGE = 'You made it through and accessed the protected resource!';

/**
 * A token as the script summarises it: Sentinel's fields, as oauthlib parsed them. oauthlib
 * turns Sentinel's `"scope": ""` into a list of one empty scope.
 */
const TOKEN = {
  token_type: 'Bearer',
  expires_in: 3600,
  scope: [''],
  has_access_token: true,
  has_refresh_token: true,
};

/** Every request the script makes, in order: `[path, status, client authentication, params]`. */
function expectedRequests(publicId: string, confidentialId: string): unknown[] {
  const token = '/oauth/token';
  const login = ['grant_type', 'password', 'username'];
  const refresh = ['grant_type', 'refresh_token'];
  const shapes: [string, string, number, string, string[]][] = [
    ['POST', token, 200, 'none', [...login, 'client_id'].sort()],
    ['POST', token, 401, 'none', refresh],
    ['POST', token, 200, 'none', [...refresh, 'client_id'].sort()],
    ['POST', token, 200, `basic ${publicId}:empty`, refresh],
    ['GET', '/endpoint', 401, 'bearer', []],
    ['GET', '/endpoint', 200, 'bearer', []],
    ['POST', token, 200, `basic ${publicId}:empty`, login],
    ['POST', token, 400, `basic ${publicId}:empty`, login],
    ['POST', token, 200, `basic ${confidentialId}`, login],
    ['POST', token, 200, `basic ${confidentialId}`, refresh],
    ['GET', '/endpoint', 200, 'bearer', []],
  ];
  return shapes.map(([method, path, status, authorization, params]) => ({
    method,
    path,
    status,
    authorization,
    params,
  }));
}

for (const binding of BINDINGS) {
  describeWithTool(
    `requests-oauthlib (Debian) against the demo on ${binding}, over HTTPS`,
    PYTHON_REQUESTS_OAUTHLIB,
    () => {
      let target: TrustedDemo;
      let publicClient: CreatedClient;
      let confidential: CreatedClient;

      beforeAll(async () => {
        target = await startTrustedDemo(binding);
        await createUser(target, USER.username, USER.password);
        publicClient = await createClient(target, 'public', 'requests-oauthlib public');
        confidential = await createClient(target, 'confidential', 'requests-oauthlib conf');
      });
      afterAll(async () => {
        await target?.close();
      });

      it('password grant, refresh and /endpoint, trusting the demo certificate', async () => {
        const { stdout } = await run('/usr/bin/python3', [SCRIPT], {
          timeout: 30_000,
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            CLIENT_TEST_BASE: target.base,
            CLIENT_TEST_CA: target.caFile,
            CLIENT_TEST_USERNAME: USER.username,
            CLIENT_TEST_PASSWORD: USER.password,
            CLIENT_TEST_PUBLIC_ID: publicClient.client_id,
            CLIENT_TEST_CONFIDENTIAL_ID: confidential.client_id,
            CLIENT_TEST_CONFIDENTIAL_SECRET: confidential.client_secret ?? '',
          },
        });
        const summary = JSON.parse(stdout);
        expect(summary.public).toEqual({
          login: TOKEN,
          // refresh_token() sends no client_id unless told to; Sentinel then cannot tell the client.
          refresh_without_client: { error: 'invalid_client' },
          refresh_client_id_in_body: { ...TOKEN, rotated: true },
          refresh_basic_empty_secret: { ...TOKEN, rotated: true },
          resource: { status: 200, text: MESSAGE },
          old_access_status: 401,
          default_login: TOKEN,
          wrong_password: { error: 'invalid_grant' },
        });
        expect(summary.confidential).toEqual({
          login: TOKEN,
          refresh: { ...TOKEN, rotated: true },
          resource: { status: 200, text: MESSAGE },
        });
        expect(summary.sent).toEqual(
          expectedRequests(publicClient.client_id, confidential.client_id),
        );
      });
    },
  );
}
