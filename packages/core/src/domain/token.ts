export type TokenKind = 'access' | 'refresh';

/**
 * What the store keeps of an issued token. The raw token never appears here: only its SHA-256
 * digest, so a leaked database yields no usable token.
 */
export interface TokenRecord {
  /** Hex SHA-256 of the raw token; unique across all tokens. */
  readonly digest: string;
  readonly kind: TokenKind;
  /** Links every token descending from one login. Revoking a family revokes all of them. */
  readonly familyId: string;
  readonly clientId: string;
  /** The resource owner, or null for a token a client obtained for itself. */
  readonly userId: string | null;
  readonly scope: readonly string[];
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  /** Set when the token, or its whole family, was revoked. */
  readonly revokedAt: Date | null;
  /** Refresh tokens only: set once the token was redeemed (rotated). */
  readonly consumedAt: Date | null;
  /** Refresh tokens only: the digest of the access token issued alongside it. */
  readonly pairedDigest: string | null;
}

/** The principal a verified access token stands for, as handed to resource routes. */
export interface Principal {
  readonly userId: string | null;
  readonly username: string | null;
  readonly clientId: string;
  readonly scope: readonly string[];
  readonly expiresAt: Date;
}
