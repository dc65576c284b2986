import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeWithServers } from '@sentinel/core/testing';
import { expect, it } from 'vitest';

/**
 * The CI smoke of the benchmark (`bench/run.mjs`, whose figures are in docs/benchmarks.md): every
 * scenario for 2 seconds (`--smoke`: no warm-up, no RSS run, no doc write), and the
 * micro-benchmarks of `bench/micro` for a moment each, so that the harness cannot rot. It asserts that the run exits 0 and that every scenario got answers; the figures
 * themselves are not judged here.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface SmokeScenario {
  id: string;
  error?: string;
  result?: { rps: number; ok: number; non2xx: number; errors: number };
}

function run(
  args: string[],
  redisUrl: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL: redisUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-20_000);
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

describeWithServers('bench smoke', ['REDIS_URL'], (servers) => {
  it('runs every scenario of bench/run.mjs for 2 s, each with answers', async () => {
    const { code, out, err } = await run(['bench/run.mjs', '--smoke'], servers.REDIS_URL);
    expect(code, err).toBe(0);
    const report = JSON.parse(out) as { ok: boolean; run: { scenarios: SmokeScenario[] } };
    expect(report.ok, err).toBe(true);
    const ids = report.run.scenarios.map((s) => s.id);
    for (const target of ['baseline-hono', 'baseline-express']) {
      expect(ids).toContain(`${target}/bare`);
      expect(ids).toContain(`${target}/redis`);
    }
    for (const target of ['sentinel-hono', 'sentinel-express', 'peer']) {
      for (const kind of ['verify', 'verify-under-logins', 'password-8', 'password-4', 'refresh']) {
        expect(ids).toContain(`${target}/${kind}`);
      }
    }
    for (const scenario of report.run.scenarios) {
      expect(scenario.error, scenario.id).toBeUndefined();
      expect(scenario.result?.rps ?? 0, `${scenario.id}\n${err}`).toBeGreaterThan(0);
    }
  }, 120_000);

  it('runs the micro-benchmarks of bench/micro briefly, each printing its figures', async () => {
    const cost = await run(['bench/micro/verify-cost.mjs', '--calls', '500'], servers.REDIS_URL);
    expect(cost.code, cost.err).toBe(0);
    // Three rounds of both subjects, each with a number.
    expect(cost.out.match(/µs CPU, [\d.]+ µs wall per call/g)).toHaveLength(6);
    const heap = await run(
      ['--expose-gc', 'bench/micro/verify-heap.mjs', '--batches', '1', '--seconds', '1'],
      servers.REDIS_URL,
    );
    expect(heap.code, heap.err).toBe(0);
    expect(heap.out).toMatch(/^after [1-9]\d* verifications: [\d.]+ MiB live heap$/m);
  }, 60_000);
});
