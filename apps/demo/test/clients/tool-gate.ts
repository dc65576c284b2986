import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';

/** A program a suite runs, how to tell it is there, and how to get it. */
export interface Tool {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly install: string;
}

export const CURL: Tool = {
  name: 'curl',
  command: 'curl',
  args: ['--version'],
  install: 'apt-get install -y curl',
};

export const PYTHON_REQUESTS_OAUTHLIB: Tool = {
  name: "Debian's python3-requests-oauthlib",
  command: '/usr/bin/python3',
  args: ['-c', 'import requests_oauthlib'],
  install: 'apt-get install -y python3-requests-oauthlib',
};

function available(tool: Tool): boolean {
  const result = spawnSync(tool.command, tool.args, { stdio: 'ignore', timeout: 10_000 });
  return result.status === 0;
}

/**
 * Runs the suite when the tool is there. Without it the suite fails under `CI=true`, where a
 * skip would hide that nothing was tested, and is skipped loudly on a developer's machine.
 */
export function describeWithTool(name: string, tool: Tool, body: () => void): void {
  if (available(tool)) {
    describe(name, body);
    return;
  }
  const missing = `${tool.name} is missing (${tool.command} ${tool.args.join(' ')} failed)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs ${tool.name}`, () => {
        throw new Error(`${missing}; it is required under CI: ${tool.install}`);
      });
    });
    return;
  }
  console.warn(
    `\n!!! SKIPPED "${name}": ${missing}, so these tests did not run. ${tool.install}\n`,
  );
  describe.skip(name, body);
}
