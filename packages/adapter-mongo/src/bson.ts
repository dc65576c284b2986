import type { Binary, ObjectId } from 'mongodb';
import { z } from 'zod';

/**
 * BSON values are recognised by their `_bsontype` tag rather than `instanceof`, so that documents
 * decoded by another copy of the `bson` package (a second driver install) are still accepted.
 */
function hasBsonType(value: unknown, type: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { _bsontype?: unknown })._bsontype === type
  );
}

export const objectIdSchema = z.custom<ObjectId>((v) => hasBsonType(v, 'ObjectId'), {
  message: 'expected an ObjectId',
});

export const binarySchema = z.custom<Binary>((v) => hasBsonType(v, 'Binary'), {
  message: 'expected BSON binary',
});

export function isObjectId(value: unknown): value is ObjectId {
  return hasBsonType(value, 'ObjectId');
}

const OBJECT_ID_HEX = /^[0-9a-f]{24}$/i;

/** Whether a string is the 24-hex form of an ObjectId (ObjectId.isValid also takes 12-byte strings). */
export function isObjectIdHex(value: string): boolean {
  return OBJECT_ID_HEX.test(value);
}
