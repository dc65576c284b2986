import { createHash } from 'node:crypto';
import type { RedisConnection } from './connection.js';

/**
 * A Lua script on exactly one key, run by `EVALSHA` and sent in full (`EVAL`) only when the
 * server does not know it yet (`NOSCRIPT`: a restart, a failover, a new cluster node). One key
 * means one slot, so scripts run unchanged on a Cluster.
 */
export class LuaScript {
  readonly #sha: string;

  constructor(private readonly source: string) {
    this.#sha = createHash('sha1').update(source, 'utf8').digest('hex');
  }

  async run(client: RedisConnection, key: string, args: readonly (string | number)[] = []) {
    try {
      return await client.evalsha(this.#sha, 1, key, ...args);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return await client.eval(this.source, 1, key, ...args);
    }
  }
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}
