import { digest as sha256 } from '../crypto/tokens.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { Deps } from '../tokens/deps.js';
import { issueTokens } from '../tokens/issue.js';
import type { Revoker } from '../tokens/revoke.js';
import type { GrantHandler } from './grant.js';
import { resolveScope } from './scope.js';

const invalid = () => new OAuthError('invalid_grant', 'The refresh token is invalid.');

/**
 * The refresh token grant, RFC 6749 §6, with rotation and reuse detection (RFC 9700 §4.14.2):
 * every use redeems the token once and issues a new pair in the same family; a token presented
 * again after its rotation revokes the whole family. The access token issued with the redeemed
 * refresh token is revoked too, so one login holds one live access token at a time. Scope may
 * narrow, never widen.
 */
export function refreshTokenGrant(deps: Deps, revoke: Revoker): GrantHandler {
  return async ({ client, params }) => {
    const raw = params.get('refresh_token');
    if (raw === undefined) {
      throw new OAuthError('invalid_request', 'The refresh_token parameter is required.');
    }
    const digest = sha256(raw);
    const record = await deps.tokens.find(digest);
    if (record === null || record.kind !== 'refresh' || record.clientId !== client.clientId) {
      throw invalid();
    }
    if (record.revokedAt !== null) throw invalid();
    if (record.consumedAt !== null) {
      await revoke.family(record.familyId);
      throw invalid();
    }
    if (record.expiresAt.getTime() <= deps.clock.now()) throw invalid();
    const scope = resolveScope(params.get('scope'), record.scope);

    const user = record.userId === null ? null : await deps.users.findById(record.userId);
    if (user === null || user.disabledAt !== null) {
      await revoke.family(record.familyId);
      throw invalid();
    }

    const redemption = await deps.tokens.redeem(digest, new Date(deps.clock.now()));
    if (redemption.outcome !== 'redeemed') {
      if (redemption.outcome === 'replayed') await revoke.family(record.familyId);
      throw invalid();
    }
    if (record.pairedDigest !== null) await revoke.token(record.pairedDigest);
    return issueTokens(deps, { client, user, scope, familyId: record.familyId });
  };
}
