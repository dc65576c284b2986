import { z } from 'zod';
import { parseDocument } from './validate.js';

/**
 * The documents of the token meta collection. Each kind has its own `_id` prefix, so that every
 * decision that must be made exactly once is an insert that a unique `_id` lets only one caller
 * win, on servers whose read-modify-write updates are not atomic (FerretDB 1.x) as on MongoDB.
 *
 * - `redeem:<digest>`: a refresh token was redeemed; the insert that succeeds is the redemption.
 * - `family:<familyId>`: a token family was revoked; later tokens of the family read as revoked.
 * - `generation:<16-digit number>`: one per cache generation; the highest is the current one.
 */
export type MetaDocument = RedeemMarker | FamilyMarker | GenerationMarker;

export interface RedeemMarker {
  _id: string;
  kind: 'redeem';
  consumed_at: Date;
  /** The token's own expiry: the marker is purged with the token. */
  expires_at: Date;
}

export interface FamilyMarker {
  _id: string;
  kind: 'family';
  family_id: string;
  revoked_at: Date;
  /** The latest expiry among the family's tokens when it was revoked; null until known. */
  expires_at: Date | null;
}

export interface GenerationMarker {
  _id: string;
  kind: 'generation';
  value: number;
  created_at: Date;
}

export const redeemMarkerId = (digest: string) => `redeem:${digest}`;
export const familyMarkerId = (familyId: string) => `family:${familyId}`;

/** Zero-padded so that the `_id` order is the numeric order. */
export const generationMarkerId = (value: number) =>
  `generation:${value.toString().padStart(16, '0')}`;

/** The `_id` range that holds every generation marker and nothing else. */
export const GENERATION_RANGE = { $gte: 'generation:', $lt: 'generation;' } as const;

const markerSchema = z.discriminatedUnion('kind', [
  z.object({ _id: z.string(), kind: z.literal('redeem'), consumed_at: z.date() }),
  z.object({
    _id: z.string(),
    kind: z.literal('family'),
    family_id: z.string(),
    revoked_at: z.date(),
  }),
  z.object({
    _id: z.string(),
    kind: z.literal('generation'),
    value: z.number().int().nonnegative(),
  }),
]);

/** Validates a stored marker of any kind. */
export function parseMarker(document: { readonly _id?: unknown }, collection: string) {
  return parseDocument(markerSchema, collection, document);
}
