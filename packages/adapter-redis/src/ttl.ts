/**
 * A TTL in whole milliseconds as `PX` wants it, or null when nothing should be stored because
 * the TTL is zero, negative or not a number. Fractions round up so a tiny TTL never becomes 0.
 */
export function pxMilliseconds(ttlMs: number): number | null {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) return null;
  return Math.ceil(ttlMs);
}
