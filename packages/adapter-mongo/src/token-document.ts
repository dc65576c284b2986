import type { TokenRecord } from '@sentinel/core';
import { z } from 'zod';
import { parseDocument } from './validate.js';

/**
 * A token as stored: keyed by its digest, so the unique `_id` index makes digests unique and no
 * other unique index is needed (the seed's token documents, which have ObjectId ids and none of
 * these fields, cannot collide with it).
 */
export interface TokenDocument {
  /** Hex SHA-256 of the raw token. */
  _id: string;
  kind: 'access' | 'refresh';
  family_id: string;
  client_id: string;
  user_id: string | null;
  scope: string[];
  issued_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  consumed_at: Date | null;
  paired_digest: string | null;
}

const digest = z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256 digest');

const tokenSchema = z.object({
  _id: digest,
  kind: z.enum(['access', 'refresh']),
  family_id: z.string().min(1),
  client_id: z.string().min(1),
  user_id: z.string().min(1).nullable(),
  scope: z.array(z.string()),
  issued_at: z.date(),
  expires_at: z.date(),
  revoked_at: z.date().nullable(),
  consumed_at: z.date().nullable(),
  paired_digest: digest.nullable(),
});

/** Validates a stored token and maps it to the domain. */
export function toTokenRecord(
  document: { readonly _id?: unknown },
  collection: string,
): TokenRecord {
  const row = parseDocument(tokenSchema, collection, document);
  return {
    digest: row._id,
    kind: row.kind,
    familyId: row.family_id,
    clientId: row.client_id,
    userId: row.user_id,
    scope: row.scope,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    consumedAt: row.consumed_at,
    pairedDigest: row.paired_digest,
  };
}

/** The document for a token record. */
export function toTokenDocument(record: TokenRecord): TokenDocument {
  return {
    _id: record.digest,
    kind: record.kind,
    family_id: record.familyId,
    client_id: record.clientId,
    user_id: record.userId,
    scope: [...record.scope],
    issued_at: record.issuedAt,
    expires_at: record.expiresAt,
    revoked_at: record.revokedAt,
    consumed_at: record.consumedAt,
    paired_digest: record.pairedDigest,
  };
}

const revokedSchema = z.object({ _id: digest, expires_at: z.date() });

/** Validates the `_id` and `expires_at` projection that revocation reads. */
export function toRevokedToken(document: { readonly _id?: unknown }, collection: string) {
  const row = parseDocument(revokedSchema, collection, document);
  return { digest: row._id, expiresAt: row.expires_at };
}
