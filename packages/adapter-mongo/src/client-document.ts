import { type Client, GRANT_TYPES } from '@sentinel/core';
import type { ObjectId } from 'mongodb';
import { z } from 'zod';
import { isObjectId } from './bson.js';
import { parseDocument } from './validate.js';

/**
 * A client as stored. `client_id`, `client_type`, `allowed_grant_types` and `default_scopes` are
 * the seed's fields (it also wrote `default_redirect_uri`, which Sentinel ignores); `secret_digest`,
 * `name` and `created_at` are Sentinel's and absent from seed documents.
 */
export interface ClientDocument {
  _id: ObjectId;
  client_id: string;
  client_type: 'public' | 'confidential';
  secret_digest?: string | null;
  allowed_grant_types?: string[];
  default_scopes?: string[];
  name?: string;
  created_at?: Date;
}

/** The seed always granted these, and may not have stored the field at all. */
const SEED_GRANTS = ['password', 'refresh_token'] as const;

const clientSchema = z
  .object({
    _id: z.unknown(),
    client_id: z.string().min(1),
    client_type: z.enum(['public', 'confidential']),
    secret_digest: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256 digest')
      .nullable()
      .optional(),
    allowed_grant_types: z.array(z.enum(GRANT_TYPES)).optional(),
    default_scopes: z.array(z.string()).optional(),
    name: z.string().optional(),
    created_at: z.date().optional(),
  })
  .transform((row, context): Client => {
    const createdAt = row.created_at ?? (isObjectId(row._id) ? row._id.getTimestamp() : null);
    if (createdAt === null) {
      context.issues.push({
        code: 'custom',
        input: row,
        path: ['created_at'],
        message: 'missing, and _id is not an ObjectId to take the time from',
      });
      return z.NEVER;
    }
    return {
      clientId: row.client_id,
      secretDigest: row.secret_digest ?? null,
      type: row.client_type,
      grants: [...(row.allowed_grant_types ?? SEED_GRANTS)],
      scopes: [...(row.default_scopes ?? [])],
      name: row.name ?? row.client_id,
      createdAt,
    };
  });

/**
 * Validates a stored client and maps it to the domain. A seed client reads as a public client
 * with the seed's grants, no scopes, its client_id as name, and its ObjectId's time as creation.
 */
export function toClient(document: { readonly _id?: unknown }, collection: string): Client {
  return parseDocument(clientSchema, collection, document);
}

/** The document for a new client. */
export function newClientDocument(id: ObjectId, client: Client): ClientDocument {
  return {
    _id: id,
    client_id: client.clientId,
    client_type: client.type,
    secret_digest: client.secretDigest,
    allowed_grant_types: [...client.grants],
    default_scopes: [...client.scopes],
    name: client.name,
    created_at: client.createdAt,
  };
}
