import { StoreUnavailableError } from '@sentinel/core';
import {
  MongoBulkWriteError,
  MongoError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';

/** The server error code for a unique index violation, on MongoDB and FerretDB alike. */
const DUPLICATE_KEY = 11000;

/**
 * Server error codes that mean "the server is going away or cannot be reached", not "your request
 * is wrong": host unreachable or not found, network timeout, shutdown in progress, primary stepped
 * down, socket exception, not writable primary, interrupted at shutdown or by a replica state change.
 */
const UNAVAILABLE_SERVER_CODES = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435]);

/** Raised when a stored document does not have the shape the adapter expects. */
export class MalformedDocumentError extends Error {
  constructor(
    readonly collection: string,
    readonly documentId: string,
    problems: string,
  ) {
    super(`malformed document in collection "${collection}" (_id ${documentId}): ${problems}`);
    this.name = 'MalformedDocumentError';
  }
}

/** Whether a driver error is a unique index violation (a single write or any write of a batch). */
export function isDuplicateKey(error: unknown): boolean {
  if (!(error instanceof MongoServerError)) return false;
  if (error.code === DUPLICATE_KEY) return true;
  const writeErrors: unknown = (error as { writeErrors?: unknown }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
  return list.some((w) => (w as { code?: unknown } | undefined)?.code === DUPLICATE_KEY);
}

/**
 * Whether a driver error means the server could not be reached or answered in time. The driver's
 * pool-cleared error is a `MongoNetworkError`, so it is covered too. A bulk write (`insertMany`)
 * that fails on the network throws a `MongoBulkWriteError` with no write errors, which keeps the
 * network error it wraps as its `errorResponse`: that one is looked at instead.
 */
export function isDriverUnavailable(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) {
    const wrapped: unknown = error.errorResponse;
    return wrapped instanceof Error && wrapped !== error && isDriverUnavailable(wrapped);
  }
  return (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError ||
    // Matched by name: this class is newer than some 7.x releases the peer range allows.
    (error instanceof MongoError && error.name === 'MongoClientClosedError') ||
    error instanceof MongoServerClosedError ||
    error instanceof MongoOperationTimeoutError ||
    (error instanceof MongoServerError &&
      typeof error.code === 'number' &&
      UNAVAILABLE_SERVER_CODES.has(error.code))
  );
}

/**
 * Runs one store operation and turns a driver error that means "server unreachable" into core's
 * `StoreUnavailableError` (answered as `temporarily_unavailable`), keeping the driver error as the
 * cause. Every other error passes through unchanged.
 */
export async function storeCall<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isDriverUnavailable(error)) {
      throw new StoreUnavailableError(`MongoDB unavailable during ${operation}`, { cause: error });
    }
    throw error;
  }
}
