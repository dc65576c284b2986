import { expect } from 'vitest';
import { ADMIN } from './real-stack.js';

/** What the tests drive: the demo's Hono app (`app.request`), or anything with the same call. */
export interface RequestTarget {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

const BASE = 'http://sentinel.test';
const basic = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;

/** A management API call, as the admin. */
export function management(
  app: RequestTarget,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const headers: Record<string, string> = { Authorization: basic };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return Promise.resolve(
    app.request(`${BASE}/oauth/management/api${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}

/** A token endpoint call with a form body. */
export function tokenRequest(app: RequestTarget, form: Record<string, string>): Promise<Response> {
  return Promise.resolve(
    app.request(`${BASE}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

export function passwordGrant(
  app: RequestTarget,
  clientId: string,
  username: string,
  password: string,
): Promise<Response> {
  return tokenRequest(app, { grant_type: 'password', client_id: clientId, username, password });
}

export function refreshGrant(
  app: RequestTarget,
  clientId: string,
  refreshToken: string,
): Promise<Response> {
  return tokenRequest(app, {
    grant_type: 'refresh_token',
    client_id: clientId,
    refresh_token: refreshToken,
  });
}

/** GET the demo's protected `/endpoint` with a bearer token. */
export function callEndpoint(app: RequestTarget, accessToken: string): Promise<Response> {
  return Promise.resolve(
    app.request(`${BASE}/endpoint`, { headers: { Authorization: `Bearer ${accessToken}` } }),
  );
}

/** Creates a user and a public client through the management API. */
export async function createUserAndClient(
  app: RequestTarget,
  username: string,
  password: string,
): Promise<{ userId: string; clientId: string }> {
  const user = await management(app, 'POST', '/users', { username, password });
  expect(user.status, await user.clone().text()).toBe(201);
  const client = await management(app, 'POST', '/clients', { type: 'public', name: 'faults' });
  expect(client.status, await client.clone().text()).toBe(201);
  const { id } = (await user.json()) as { id: string };
  const { client_id } = (await client.json()) as { client_id: string };
  return { userId: id, clientId: client_id };
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

/** A password grant that must succeed; resolves with its body. */
export async function login(
  app: RequestTarget,
  clientId: string,
  username: string,
  password: string,
): Promise<Tokens> {
  const response = await passwordGrant(app, clientId, username, password);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Tokens;
}

/** Runs `call` and measures how long it took to settle. */
export async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: Math.round(performance.now() - started) };
}

/**
 * Asserts an error answer: the status, a JSON content type (never an HTML page) and an
 * `{error, error_description}` body with the code. Resolves with the body.
 */
export async function expectJsonError(
  response: Response,
  status: number,
  code: string,
): Promise<{ error: string; error_description: string }> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error: string; error_description: string };
  expect(body.error).toBe(code);
  expect(typeof body.error_description).toBe('string');
  return body;
}
