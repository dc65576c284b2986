import type { CachedToken, Logger } from '@sentinel/core';
import { digest, generateToken } from '@sentinel/core';

export const userToken: CachedToken = {
  userId: '5f1d7c3e9a1b2c3d4e5f6a7b',
  username: 'alice',
  clientId: 'client-1',
  scope: ['read', 'write'],
  expiresAt: Date.UTC(2030, 0, 1),
};

export const clientToken: CachedToken = {
  ...userToken,
  userId: null,
  username: null,
  scope: [],
};

/** A fresh access token as the core makes it, and its digest. */
export function newAccessToken(): { raw: string; digest: string } {
  const raw = generateToken();
  return { raw, digest: digest(raw) };
}

/** A logger that keeps every entry, to check what was (and was not) logged. */
export function recordingLogger(): Logger & { entries: string[] } {
  const entries: string[] = [];
  const keep =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      entries.push(`${level} ${message} ${JSON.stringify(fields)}`);
    };
  return { entries, error: keep('error'), warn: keep('warn'), info: keep('info') };
}
