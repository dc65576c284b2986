import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new empty directory under the system's temp directory, named `sentinel-<label>-…`. */
export function makeTempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `sentinel-${label}-`));
}

/** Removes a directory and everything in it; a missing directory is fine. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}
