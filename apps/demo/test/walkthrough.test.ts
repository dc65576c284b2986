import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describeWithServers } from '@sentinel/core/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DemoProcess, startDemo } from './support/demo-process.js';

const run = promisify(execFile);

/** The README's walk-through block, exactly as a reader copies it. */
async function walkthrough(): Promise<string> {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const block = /<!-- walkthrough:start -->\n```sh\n([\s\S]*?)```\n<!-- walkthrough:end -->/.exec(
    readme,
  );
  if (!block?.[1]) throw new Error('README has no walk-through block');
  return block[1];
}

/** The demo's storage modes; each must pass the walk-through unchanged. */
const modes: {
  name: string;
  servers: readonly string[];
  env: (v: Record<string, string>) => Record<string, string>;
}[] = [
  { name: 'in memory', servers: [], env: () => ({}) },
  {
    name: 'on MongoDB',
    servers: ['MONGO_URL'],
    env: (v) => ({ SENTINEL_MONGO_URI: v.MONGO_URL ?? '', SENTINEL_MONGO_DBNAME: uniqueDb() }),
  },
  {
    name: 'on MongoDB and Redis',
    servers: ['MONGO_URL', 'REDIS_URL'],
    env: (v) => ({
      SENTINEL_MONGO_URI: v.MONGO_URL ?? '',
      SENTINEL_MONGO_DBNAME: uniqueDb(),
      SENTINEL_REDIS_URL: v.REDIS_URL ?? '',
    }),
  },
];

function uniqueDb(): string {
  return `walkthrough_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

const bindings = ['hono', 'express'] as const;

for (const [mode, binding] of modes.flatMap((m) => bindings.map((b) => [m, b] as const))) {
  describeWithServers(
    `the README walk-through, run against the demo on ${binding}, ${mode.name}, over HTTPS`,
    mode.servers,
    (values) => {
      let demo: DemoProcess;
      beforeAll(async () => {
        demo = await startDemo({
          SENTINEL_MANAGEMENT_USERNAME: 'admin',
          SENTINEL_MANAGEMENT_PASSWORD: 'change-me',
          SENTINEL_HTTP: binding,
          ...mode.env(values),
        });
      });
      afterAll(async () => {
        await demo?.stop();
      });

      it('creates a user and a client, gets a token, calls /endpoint and refreshes', async () => {
        const script = await walkthrough();
        expect(script).toContain('BASE=https://localhost:5000\n');
        // The only change: the port the test's demo listens on.
        const adapted = script.replace('BASE=https://localhost:5000', `BASE=${demo.base}`);
        const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', adapted], {
          timeout: 30_000,
        });
        const lines = stdout.trim().split('\n');
        expect(JSON.parse(lines[0] ?? '')).toMatchObject({ username: 'test', disabled: false });
        expect(lines[1]).toMatch(/^client_id: [A-Za-z0-9]{40}$/);
        const tokens = JSON.parse(lines[2] ?? '');
        expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: '' });
        expect(lines[3]).toBe('You made it through and accessed the protected resource!');
        const refreshed = JSON.parse(lines[4] ?? '');
        expect(refreshed.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
        expect(lines).toHaveLength(5);
      });

      it('shuts down cleanly on SIGTERM', async () => {
        const started = Date.now();
        expect(await demo.stop()).toBe(0);
        expect(Date.now() - started).toBeLessThan(2500);
      });
    },
  );
}
