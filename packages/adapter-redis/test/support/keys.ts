import { randomBytes } from 'node:crypto';
import { Cluster, type Redis } from 'ioredis';
import type { RedisConnection } from '../../src/index.js';

/** A key prefix no other test uses. */
export function randomPrefix(kind: string): string {
  return `test:${kind}:${randomBytes(6).toString('hex')}:`;
}

/** The masters to SCAN: the client itself, or every master of a Cluster. */
function scanTargets(client: RedisConnection): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

/** Every key matching `pattern`, found with SCAN on each master. */
export async function scanKeys(client: RedisConnection, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  for (const node of scanTargets(client)) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
  }
  return keys;
}

/** Every key under `prefix` with its string value. */
export async function dumpPrefix(client: RedisConnection, prefix: string) {
  const keys = await scanKeys(client, `${escapeGlob(prefix)}*`);
  return Promise.all(keys.map(async (key) => ({ key, value: await client.get(key) })));
}

/** Deletes every key under `prefix`, one key per command (a Cluster spreads them over slots). */
export async function deletePrefix(client: RedisConnection, prefix: string): Promise<void> {
  const keys = await scanKeys(client, `${escapeGlob(prefix)}*`);
  await Promise.all(keys.map((key) => client.unlink(key)));
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
