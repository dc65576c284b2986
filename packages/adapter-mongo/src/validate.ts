import type { z } from 'zod';
import { MalformedDocumentError } from './errors.js';

/**
 * Validates one stored document against its schema. A mismatch raises `MalformedDocumentError`
 * naming the collection, the document's `_id` and the failing fields, never their values (a
 * document may hold a password hash).
 */
export function parseDocument<S extends z.ZodType>(
  schema: S,
  collection: string,
  document: { readonly _id?: unknown },
): z.output<S> {
  const result = schema.safeParse(document);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(document)'}: ${issue.message}`)
    .join('; ');
  throw new MalformedDocumentError(collection, describeId(document._id), problems);
}

/** A printable form of any `_id`: an ObjectId's hex string, a string as is, anything else as JSON. */
export function describeId(id: unknown): string {
  if (typeof id === 'string') return id;
  if (id === undefined) return '(none)';
  if (typeof id === 'object' && id !== null && 'toHexString' in id) {
    const toHex = (id as { toHexString: unknown }).toHexString;
    if (typeof toHex === 'function') return String(toHex.call(id));
  }
  try {
    return JSON.stringify(id) ?? String(id);
  } catch {
    return String(id);
  }
}
