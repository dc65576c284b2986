import { expect } from 'vitest';
import { ADMIN, type TrustedDemo } from './harness.js';

export interface CreatedClient {
  readonly client_id: string;
  readonly type: 'public' | 'confidential';
  readonly grants: readonly string[];
  readonly client_secret?: string;
}

/** One management API call as the admin; the answer must have the expected status. */
async function managementCall<T>(
  target: TrustedDemo,
  path: string,
  body: unknown,
  expected: number,
): Promise<T> {
  const basic = Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64');
  const response = await target.fetch(`${target.base}/oauth/management/api${path}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, text).toBe(expected);
  return JSON.parse(text) as T;
}

/** Creates a user through the management API. */
export async function createUser(
  target: TrustedDemo,
  username: string,
  password: string,
): Promise<void> {
  await managementCall(target, '/users', { username, password }, 201);
}

/** Registers a client through the management API; a confidential one comes with its secret. */
export function createClient(
  target: TrustedDemo,
  type: 'public' | 'confidential',
  name: string,
): Promise<CreatedClient> {
  return managementCall<CreatedClient>(target, '/clients', { type, name }, 201);
}
