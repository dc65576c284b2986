import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BINDINGS, startTrustedDemo, type TrustedDemo } from './harness.js';
import { createClient, createUser } from './management.js';
import { CURL, describeWithTool } from './tool-gate.js';

const run = promisify(execFile);
const MESSAGE = 'You made it through and accessed the protected resource!';

/**
 * The seed's commands, copied from flask-sentinel's README ("Testing"), with its sample values.
 * Only those values and the port are replaced before they run.
 */
const SEED_TOKEN =
  'curl -k -X POST -d "client_id=9qFbZD4udTzFVYo0u5UzkZX9iuzbdcJDRAquTfRk&grant_type=password&username=jonas&password=pass" https://localhost:5000/oauth/token';
const SEED_ENDPOINT =
  'curl -k -H "Authorization: Bearer NYODXSR8KalTPnWUib47t5E8Pi8mo4" https://localhost:5000/endpoint';
/**
 * Not the seed's: its README shows no refresh. This is its token command with
 * grant_type=refresh_token and the refresh token of its sample answer.
 */
const SEED_SHAPED_REFRESH =
  'curl -k -X POST -d "client_id=9qFbZD4udTzFVYo0u5UzkZX9iuzbdcJDRAquTfRk&grant_type=refresh_token&refresh_token=s6L6OPL2bnKSRSbgQM3g0wbFkJB4ML" https://localhost:5000/oauth/token';

/** The seed's sample values, and what replaces each. */
interface Values {
  readonly base: string;
  readonly clientId: string;
  readonly password: string;
  readonly accessToken?: string;
  readonly refreshToken?: string;
  /** The curl option that replaces `-k`; `-k` itself by default. */
  readonly tls?: string;
}

/** A seed command with our values. Every replaced value must be there, exactly once. */
function adapt(command: string, values: Values): string {
  const replacements: [string, string | undefined][] = [
    ['https://localhost:5000', values.base],
    ['9qFbZD4udTzFVYo0u5UzkZX9iuzbdcJDRAquTfRk', values.clientId],
    ['password=pass"', `password=${values.password}"`],
    ['NYODXSR8KalTPnWUib47t5E8Pi8mo4', values.accessToken],
    ['s6L6OPL2bnKSRSbgQM3g0wbFkJB4ML', values.refreshToken],
    ['curl -k ', values.tls === undefined ? undefined : `curl ${values.tls} `],
  ];
  let adapted = command;
  for (const [sample, value] of replacements) {
    if (!adapted.includes(sample) || value === undefined) continue;
    expect(adapted.split(sample)).toHaveLength(2);
    adapted = adapted.replace(sample, value);
  }
  return adapted;
}

/** Runs one command line in bash, as a reader pasting it would, and returns its stdout. */
async function shell(command: string): Promise<string> {
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', command], { timeout: 15_000 });
  return stdout;
}

interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

for (const binding of BINDINGS) {
  describeWithTool(`curl, as in the seed's README, against the demo on ${binding}`, CURL, () => {
    let target: TrustedDemo;
    let values: Values;

    beforeAll(async () => {
      target = await startTrustedDemo(binding);
      // The seed's user is jonas with password "pass"; Sentinel wants 8 characters or more.
      await createUser(target, 'jonas', 'jonas-password');
      const { client_id } = await createClient(target, 'public', 'curl');
      values = { base: target.base, clientId: client_id, password: 'jonas-password' };
    });
    afterAll(async () => {
      await target?.close();
    });

    for (const tls of ['-k', '--cacert']) {
      it(`gets a token, calls /endpoint and refreshes (curl ${tls})`, async () => {
        const option = tls === '-k' ? {} : { tls: `--cacert ${target.caFile}` };
        const tokens = JSON.parse(
          await shell(adapt(SEED_TOKEN, { ...values, ...option })),
        ) as TokenAnswer;
        expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: '' });
        expect(tokens.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);

        const withTokens = {
          ...values,
          ...option,
          accessToken: tokens.access_token,
          refreshToken: tokens.refresh_token,
        };
        expect(await shell(adapt(SEED_ENDPOINT, withTokens))).toBe(MESSAGE);

        const refreshed = JSON.parse(
          await shell(adapt(SEED_SHAPED_REFRESH, withTokens)),
        ) as TokenAnswer;
        expect(refreshed).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: '' });
        expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
        // The refresh spent the old refresh token, and the access token issued with it.
        expect(await shell(adapt(SEED_ENDPOINT, withTokens))).toContain('invalid_token');
        const fresh = { ...withTokens, accessToken: refreshed.access_token };
        expect(await shell(adapt(SEED_ENDPOINT, fresh))).toBe(MESSAGE);
      });
    }
  });
}
