import { generateToken } from '../crypto/tokens.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { Deps } from '../tokens/deps.js';
import { errorMessage } from '../tokens/deps.js';
import { issueTokens } from '../tokens/issue.js';
import type { BruteForceGuard } from './brute-force.js';
import type { GrantHandler } from './grant.js';
import { resolveScope } from './scope.js';

/**
 * The Resource Owner Password Credentials grant, RFC 6749 §4.3. Deprecated by RFC 9700 §2.4: it
 * is for first-party clients that were given this grant explicitly.
 *
 * A wrong username and a wrong password give the same `invalid_grant`, in about the same time:
 * an unknown user is checked against a dummy hash of the configured cost.
 */
export function passwordGrant(deps: Deps, guard: BruteForceGuard): GrantHandler {
  let dummyHash: Promise<string> | null = null;
  const dummy = () => {
    dummyHash ??= deps.hasher.hash(generateToken());
    return dummyHash;
  };

  return async ({ client, params, clientIp }) => {
    const username = params.get('username');
    const password = params.get('password');
    if (username === undefined || password === undefined) {
      throw new OAuthError('invalid_request', 'The username and password parameters are required.');
    }
    const scope = resolveScope(params.get('scope'), client.scopes);
    // The client IP's own limit was checked when the request came in (readClientRequest).
    const failuresBefore = await guard.assertUserAllowed(clientIp, username);

    const user = await deps.users.findByUsername(username);
    const hash = user?.passwordHash ?? (await dummy());
    const matches = await deps.hasher.verify(password, hash);
    if (user === null || !matches || user.disabledAt !== null) {
      await guard.recordFailure(clientIp, username);
      throw new OAuthError('invalid_grant', 'The username or password is incorrect.');
    }
    await guard.recordSuccess(clientIp, username, failuresBefore);
    if (deps.hasher.needsRehash(user.passwordHash)) await upgradeHash(deps, user.id, password);
    return issueTokens(deps, { client, user, scope });
  };
}

/** Re-hashes a password stored at a lower cost; a failure here never fails the login. */
async function upgradeHash(deps: Deps, userId: string, password: string): Promise<void> {
  try {
    await deps.users.update(userId, { passwordHash: await deps.hasher.hash(password) });
  } catch (error) {
    deps.logger.warn({ err: errorMessage(error), userId }, 'could not upgrade a password hash');
  }
}
