import * as nodeCrypto from 'node:crypto';
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 32 bytes (256 bits) from the CSPRNG, base64url without padding: 43 characters. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * `crypto.hash`, the one-shot digest (Node 20.12+ and 21.7+): no Hash object per call, which
 * matters on the verification path, where every request hashes its token. Absent on older Node.
 */
const oneShotHash = (nodeCrypto as { hash?: typeof nodeCrypto.hash }).hash;

/** Hex SHA-256 of a token or secret: the only form in which Sentinel stores one. */
export function digest(value: string): string {
  if (oneShotHash !== undefined) return oneShotHash('sha256', value, 'hex');
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A client_id in the seed's format: 40 characters of [A-Za-z0-9], uniformly drawn. */
export function generateClientId(): string {
  let id = '';
  for (let i = 0; i < 40; i++) id += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return id;
}

/**
 * Compares two secrets in constant time. Both sides are hashed first, so neither their contents
 * nor their lengths leak through timing.
 */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}

/** Compares two hex digests of equal length in constant time. */
export function digestEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
