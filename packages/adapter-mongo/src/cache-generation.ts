import type { Collection } from 'mongodb';
import { isDuplicateKey } from './errors.js';
import {
  GENERATION_RANGE,
  type GenerationMarker,
  generationMarkerId,
  type MetaDocument,
  parseMarker,
} from './token-meta.js';

/** A bound that only a bug could reach: every lost race means another caller won. */
const MAX_BUMP_ATTEMPTS = 1000;

/** Reads the current cache generation: the highest generation marker, or 0 when there is none. */
export async function readGeneration(meta: Collection<MetaDocument>): Promise<number> {
  const [latest] = await meta.find({ _id: GENERATION_RANGE }).sort({ _id: -1 }).limit(1).toArray();
  if (!latest) return 0;
  const marker = parseMarker(latest, meta.collectionName);
  if (marker.kind !== 'generation') throw new Error(`unexpected marker in generation range`);
  return marker.value;
}

/**
 * Increments the cache generation and returns the new value. `$inc` would be simpler, but
 * FerretDB 1.x loses concurrent `$inc` updates; inserting the marker for the next number is
 * exactly-once everywhere, because only one insert of an `_id` can succeed. A caller that loses
 * the race reads again and tries the number after the winner's. No number is skipped: a number is
 * tried only when the one before it exists.
 */
export async function bumpGeneration(meta: Collection<MetaDocument>): Promise<number> {
  let next = (await readGeneration(meta)) + 1;
  for (let attempt = 0; attempt < MAX_BUMP_ATTEMPTS; attempt++) {
    const marker: GenerationMarker = {
      _id: generationMarkerId(next),
      kind: 'generation',
      value: next,
      created_at: new Date(),
    };
    try {
      await meta.insertOne(marker);
      return next;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      next = Math.max(next, await readGeneration(meta)) + 1;
    }
  }
  throw new Error(`cache generation: no free number after ${MAX_BUMP_ATTEMPTS} attempts`);
}
