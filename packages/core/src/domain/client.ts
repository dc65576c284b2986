/** The grant types Sentinel implements, as named in RFC 6749 §4.3, §6 and §4.4. */
export const GRANT_TYPES = ['password', 'refresh_token', 'client_credentials'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** RFC 6749 §2.1: a public client cannot keep a secret; a confidential one authenticates with it. */
export type ClientType = 'public' | 'confidential';

export interface Client {
  /** Unique identifier sent by the client (RFC 6749 §2.2). */
  readonly clientId: string;
  /**
   * SHA-256 digest (hex) of the client secret, or null for a public client. Secrets are generated
   * by Sentinel with 256 bits of entropy, so a fast digest is as safe as a slow hash here and keeps
   * the token endpoint from becoming a CPU sink.
   */
  readonly secretDigest: string | null;
  readonly type: ClientType;
  /** Grants this client may use; any other answers `unauthorized_client`. */
  readonly grants: readonly GrantType[];
  /** Scopes this client may request. A request that omits `scope` gets all of them. */
  readonly scopes: readonly string[];
  /** Human-readable name for the management page. */
  readonly name: string;
  readonly createdAt: Date;
}

export interface ClientPatch {
  readonly secretDigest?: string | null;
}
