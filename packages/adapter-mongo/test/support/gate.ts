import { describeWithServers } from '@sentinel/core/testing';
import { findFerretDb } from '@sentinel/test-support';

/** Core's `describeWithServers` for suites that need a MongoDB-compatible server at `MONGO_URL`. */
export function describeWithMongo(name: string, body: (url: string) => void): void {
  describeWithServers(name, ['MONGO_URL'], ({ MONGO_URL }) => body(MONGO_URL));
}

/**
 * The same gate for suites that start a FerretDB of their own. The binary is found on disk
 * rather than named by the environment, so it is put in `FERRETDB_BIN` (for this test process
 * only) and the one gate decides: run, skip loudly, or fail under CI.
 */
export function describeWithFerretDb(name: string, body: (binary: string) => void): void {
  const binary = findFerretDb();
  if (binary !== undefined) process.env.FERRETDB_BIN = binary;
  describeWithServers(name, ['FERRETDB_BIN'], ({ FERRETDB_BIN }) => body(FERRETDB_BIN));
}
