import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINDINGS, startTrustedDemo, type TrustedDemo, type TrustedFetch } from './harness.js';
import { type CreatedClient, createClient, createUser } from './management.js';
import { recordingFetch, type SentRequest } from './recording-fetch.js';

const USER = { username: 'oidc-user', password: 'oidc-user-password' } as const;
const MESSAGE = 'You made it through and accessed the protected resource!';

/** openid-client v6 finds the server from its origin alone: RFC 8414 discovery, nothing else. */
function discover(
  target: TrustedDemo,
  clientId: string,
  secret: string | undefined,
  auth: client.ClientAuth,
  fetch: TrustedFetch = target.fetch,
): Promise<client.Configuration> {
  return client.discovery(new URL(target.base), clientId, secret, auth, {
    algorithm: 'oauth2',
    [client.customFetch]: fetch,
  });
}

/** The error a promise rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

/** Asserts an RFC 6749 §5.2 error body, as openid-client surfaces it. */
function expectBodyError(error: unknown, code: string, status: number): void {
  expect(error).toBeInstanceOf(client.ResponseBodyError);
  const bodyError = error as client.ResponseBodyError;
  expect({ error: bodyError.error, status: bodyError.status }).toEqual({ error: code, status });
}

/** Asserts the 401 challenge openid-client raises for a refused bearer token. */
function expectBearerChallenge(error: unknown): void {
  expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError);
  const challenge = error as client.WWWAuthenticateChallengeError;
  expect(challenge.status).toBe(401);
  expect(challenge.cause[0]?.scheme).toBe('bearer');
  expect(challenge.cause[0]?.parameters.error).toBe('invalid_token');
}

type TokenAnswer = Awaited<ReturnType<typeof client.genericGrantRequest>>;

/** The fields every Sentinel token answer has, as openid-client hands them over. */
function expectTokens(tokens: TokenAnswer): { access: string; refresh: string } {
  expect(tokens.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(tokens.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(tokens.token_type).toBe('bearer'); // openid-client lower-cases Sentinel's "Bearer"
  expect(tokens.expires_in).toBe(3600);
  expect(tokens.scope).toBe('');
  return { access: tokens.access_token, refresh: tokens.refresh_token ?? '' };
}

/** The confidential client authentication methods Sentinel advertises, and what each sends. */
const CONFIDENTIAL = [
  {
    method: 'client_secret_basic',
    auth: (secret: string) => client.ClientSecretBasic(secret),
    sent: (id: string): Partial<SentRequest> => ({ authorization: `basic ${id}` }),
    extraParams: [] as string[],
  },
  {
    method: 'client_secret_post',
    auth: (secret: string) => client.ClientSecretPost(secret),
    sent: (): Partial<SentRequest> => ({ authorization: 'none' }),
    extraParams: ['client_id', 'client_secret'],
  },
] as const;

for (const binding of BINDINGS) {
  describe(`openid-client v6 against the demo on ${binding}, over HTTPS`, () => {
    let target: TrustedDemo;
    let publicClient: CreatedClient;
    let confidential: CreatedClient;
    let secret: string;

    beforeAll(async () => {
      target = await startTrustedDemo(binding);
      await createUser(target, USER.username, USER.password);
      publicClient = await createClient(target, 'public', 'openid-client public');
      confidential = await createClient(target, 'confidential', 'openid-client confidential');
      secret = confidential.client_secret ?? '';
    });
    afterAll(async () => {
      await target?.close();
    });

    it('discovers every endpoint from the origin alone', async () => {
      const config = await discover(target, publicClient.client_id, undefined, client.None());
      const metadata = config.serverMetadata();
      expect(metadata.issuer).toBe(target.base);
      expect(metadata.token_endpoint).toBe(`${target.base}/oauth/token`);
      expect(metadata.revocation_endpoint).toBe(`${target.base}/oauth/revoke`);
      expect(metadata.introspection_endpoint).toBe(`${target.base}/oauth/introspect`);
      expect(metadata.grant_types_supported).toEqual(
        expect.arrayContaining(['password', 'refresh_token']),
      );
      expect(metadata.token_endpoint_auth_methods_supported).toEqual(
        expect.arrayContaining(['none', 'client_secret_basic', 'client_secret_post']),
      );
    });

    it('public client (none): password grant, /endpoint, refresh rotation, reuse, revocation', async () => {
      const { fetch, sent } = recordingFetch(target.fetch);
      const config = await discover(
        target,
        publicClient.client_id,
        undefined,
        client.None(),
        fetch,
      );
      const first = expectTokens(await client.genericGrantRequest(config, 'password', USER));
      expect(sent.at(-1)).toEqual({
        method: 'POST',
        path: '/oauth/token',
        authorization: 'none',
        params: ['client_id', 'grant_type', 'password', 'username'],
      });

      const endpoint = new URL(`${target.base}/endpoint`);
      const resource = await client.fetchProtectedResource(config, first.access, endpoint, 'GET');
      expect({ status: resource.status, text: await resource.text() }).toEqual({
        status: 200,
        text: MESSAGE,
      });

      const second = expectTokens(await client.refreshTokenGrant(config, first.refresh));
      expect(second.refresh).not.toBe(first.refresh);
      expect(second.access).not.toBe(first.access);
      expect(sent.at(-1)?.params).toEqual(['client_id', 'grant_type', 'refresh_token']);
      expectBearerChallenge(
        await rejection(client.fetchProtectedResource(config, first.access, endpoint, 'GET')),
      );

      // The spent refresh token again: refused, and the whole login goes with it.
      expectBodyError(
        await rejection(client.refreshTokenGrant(config, first.refresh)),
        'invalid_grant',
        400,
      );
      expectBearerChallenge(
        await rejection(client.fetchProtectedResource(config, second.access, endpoint, 'GET')),
      );

      const third = expectTokens(await client.genericGrantRequest(config, 'password', USER));
      await client.tokenRevocation(config, third.access);
      expect(sent.at(-1)).toMatchObject({ path: '/oauth/revoke', authorization: 'none' });
      expectBearerChallenge(
        await rejection(client.fetchProtectedResource(config, third.access, endpoint, 'GET')),
      );
    });

    for (const { method, auth, sent: expectedSent, extraParams } of CONFIDENTIAL) {
      it(`confidential client (${method}): password grant, introspection, refresh, revocation`, async () => {
        const { fetch, sent } = recordingFetch(target.fetch);
        const id = confidential.client_id;
        const config = await discover(target, id, secret, auth(secret), fetch);
        const first = expectTokens(await client.genericGrantRequest(config, 'password', USER));
        expect(sent.at(-1)).toEqual({
          method: 'POST',
          path: '/oauth/token',
          authorization: 'none',
          ...expectedSent(id),
          params: [...extraParams, 'grant_type', 'password', 'username'].sort(),
        });

        const active = await client.tokenIntrospection(config, first.access);
        expect(active).toMatchObject({
          active: true,
          client_id: id,
          username: USER.username,
          token_type: 'Bearer',
          scope: '',
        });
        expect((active.exp ?? 0) - (active.iat ?? 0)).toBe(3600);

        const second = expectTokens(await client.refreshTokenGrant(config, first.refresh));
        expect(second.refresh).not.toBe(first.refresh);
        expect(await client.tokenIntrospection(config, first.access)).toEqual({ active: false });
        expect((await client.tokenIntrospection(config, second.access)).active).toBe(true);

        await client.tokenRevocation(config, second.refresh);
        expect(sent.at(-1)).toMatchObject({ path: '/oauth/revoke', ...expectedSent(id) });
        expect(await client.tokenIntrospection(config, second.access)).toEqual({ active: false });
        expect(await client.tokenIntrospection(config, second.refresh)).toEqual({ active: false });
      });
    }

    it('a wrong password is a ResponseBodyError invalid_grant with status 400', async () => {
      const wrong = { username: USER.username, password: 'not-the-password' };
      const configs = [
        await discover(target, publicClient.client_id, undefined, client.None()),
        ...(await Promise.all(
          CONFIDENTIAL.map(({ auth }) =>
            discover(target, confidential.client_id, secret, auth(secret)),
          ),
        )),
      ];
      for (const config of configs) {
        expectBodyError(
          await rejection(client.genericGrantRequest(config, 'password', wrong)),
          'invalid_grant',
          400,
        );
      }
    });

    it('an unknown client is invalid_client with status 401', async () => {
      const unknown = 'no-such-client';
      for (const auth of [client.None(), client.ClientSecretPost('whatever')]) {
        const config = await discover(target, unknown, undefined, auth);
        expectBodyError(
          await rejection(client.genericGrantRequest(config, 'password', USER)),
          'invalid_client',
          401,
        );
      }
      // With the Authorization header Sentinel also sends a Basic challenge (RFC 6749 §5.2),
      // which openid-client raises before it reads the body: the code is in the body still.
      for (const [id, password] of [
        [unknown, 'whatever'],
        [confidential.client_id, 'wrong-secret'],
      ] as const) {
        const config = await discover(target, id, password, client.ClientSecretBasic(password));
        const error = await rejection(client.genericGrantRequest(config, 'password', USER));
        expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError);
        const challenge = error as client.WWWAuthenticateChallengeError;
        expect(challenge.status).toBe(401);
        expect(challenge.cause[0]?.scheme).toBe('basic');
        expect(await challenge.response.json()).toMatchObject({ error: 'invalid_client' });
      }
    });
  });
}
