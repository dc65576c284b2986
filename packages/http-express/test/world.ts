import { createMemorySentinel, type MemorySentinel } from '@sentinel/core/testing';

export const BASE = 'https://sentinel.test';
export const PASSWORD = 'correct horse battery';

/** A memory Sentinel with a public client (scopes read, admin) and a user `alice`. */
export async function seeded(): Promise<MemorySentinel & { clientId: string }> {
  const memory = createMemorySentinel();
  const { client } = await memory.sentinel.clients.create({
    type: 'public',
    scopes: ['read', 'admin'],
  });
  await memory.sentinel.users.create({ username: 'alice', password: PASSWORD });
  return { ...memory, clientId: client.clientId };
}

/** A POST of a form body to the token endpoint. */
export function tokenRequest(body: string): Request {
  return new Request(`${BASE}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
}

/** A login as alice through `clientId`, with extra raw form text appended. */
export function loginBody(clientId: string, extra = ''): string {
  return `grant_type=password&client_id=${clientId}&username=alice&password=${encodeURIComponent(PASSWORD)}${extra}`;
}
