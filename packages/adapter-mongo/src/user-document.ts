import type { NewUser, User } from '@sentinel/core';
import type { Binary, ObjectId } from 'mongodb';
import { z } from 'zod';
import { binarySchema, objectIdSchema } from './bson.js';
import { parseDocument } from './validate.js';

/**
 * A user as stored. `username` and `hashpw` are the seed's fields; `created_at` and `disabled_at`
 * are Sentinel's and absent from seed documents.
 */
export interface UserDocument {
  _id: ObjectId;
  username: string;
  /** The bcrypt hash: a string as Sentinel writes it, or BSON binary as the seed wrote it on Python 3. */
  hashpw: string | Binary;
  created_at?: Date;
  disabled_at?: Date | null;
}

/** A bcrypt hash is printable ASCII; this catches a hash that decoded to garbage. */
const hashText = z.string().regex(/^[\x21-\x7e]+$/, 'expected a password hash in printable ASCII');

const userSchema = z.object({
  _id: objectIdSchema,
  username: z.string().min(1),
  hashpw: z.union([
    hashText,
    binarySchema.transform((binary) => binary.toString('utf8')).pipe(hashText),
  ]),
  created_at: z.date().optional(),
  disabled_at: z.date().nullable().optional(),
});

/**
 * Validates a stored user and maps it to the domain. A seed user has no `created_at`: its creation
 * time is its ObjectId's timestamp, and it is not disabled.
 */
export function toUser(document: { readonly _id?: unknown }, collection: string): User {
  const row = parseDocument(userSchema, collection, document);
  return {
    id: row._id.toHexString(),
    username: row.username,
    passwordHash: row.hashpw,
    createdAt: row.created_at ?? row._id.getTimestamp(),
    disabledAt: row.disabled_at ?? null,
  };
}

/** The document for a new user. */
export function newUserDocument(id: ObjectId, user: NewUser): UserDocument {
  return {
    _id: id,
    username: user.username,
    hashpw: user.passwordHash,
    created_at: user.createdAt,
    disabled_at: null,
  };
}
