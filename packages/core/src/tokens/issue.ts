import { randomUUID } from 'node:crypto';
import { generateToken, digest as sha256 } from '../crypto/tokens.js';
import type { Client } from '../domain/client.js';
import { formatScope } from '../domain/scope.js';
import type { TokenRecord } from '../domain/token.js';
import type { User } from '../domain/user.js';
import { type Deps, errorMessage } from './deps.js';

/** RFC 6749 §5.1 success body. `scope` is always present, `""` when empty. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

export interface IssueRequest {
  readonly client: Client;
  /** The resource owner, or null for a client's own token. */
  readonly user: User | null;
  readonly scope: readonly string[];
  /** The family to add to; omitted for a new login, which starts a family. */
  readonly familyId?: string;
}

/**
 * Issues an access token and, when the client may refresh, a refresh token. Only their digests
 * are stored; the raw values exist only in the returned body.
 */
export async function issueTokens(deps: Deps, request: IssueRequest): Promise<TokenResponse> {
  const { config, clock } = deps;
  const now = clock.now();
  const familyId = request.familyId ?? randomUUID();
  const userId = request.user?.id ?? null;
  const base = {
    familyId,
    clientId: request.client.clientId,
    userId,
    scope: request.scope,
    issuedAt: new Date(now),
    revokedAt: null,
    consumedAt: null,
  };
  const accessToken = generateToken();
  const access: TokenRecord = {
    ...base,
    digest: sha256(accessToken),
    kind: 'access',
    expiresAt: new Date(now + config.accessTokenLifetime * 1000),
    pairedDigest: null,
  };
  const records: TokenRecord[] = [access];
  let refreshToken: string | undefined;
  if (request.client.grants.includes('refresh_token') && request.user !== null) {
    refreshToken = generateToken();
    records.push({
      ...base,
      digest: sha256(refreshToken),
      kind: 'refresh',
      expiresAt: new Date(now + config.refreshTokenLifetime * 1000),
      pairedDigest: access.digest,
    });
  }
  await deps.tokens.save(records);
  await announce(deps, accessToken, access, request.user?.username ?? null);
  const body: TokenResponse = {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: config.accessTokenLifetime,
    scope: formatScope(request.scope),
  };
  if (refreshToken !== undefined) body.refresh_token = refreshToken;
  return body;
}

/** Tells the cache of the new token (for legacy formats); a cache outage never fails a login. */
async function announce(deps: Deps, raw: string, record: TokenRecord, username: string | null) {
  if (deps.cache === null) return;
  try {
    await deps.cache.issued(
      raw,
      record.digest,
      {
        userId: record.userId,
        username,
        clientId: record.clientId,
        scope: record.scope,
        expiresAt: record.expiresAt.getTime(),
      },
      record.expiresAt.getTime() - deps.clock.now(),
    );
  } catch (error) {
    deps.logger.warn({ err: errorMessage(error) }, 'token cache unavailable at issuance');
  }
}
