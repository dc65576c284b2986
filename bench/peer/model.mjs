import bcrypt from 'bcryptjs';

/**
 * The peer's model for `@node-oauth/oauth2-server` 5.3, written the way its model specification
 * asks: clients and users in memory (as Sentinel's are in this benchmark), tokens in Redis, and
 * bcryptjs in `getUser`. One access token is one `GET` to authenticate, as Sentinel's cached
 * verification is.
 *
 * Keys (under `prefix`): `at:<access token>` and `rt:<refresh token>`, JSON, expiring with the
 * token (capped at an hour, so that a benchmark leaves nothing for long in the shared Redis).
 */

/**
 * @typedef {object} PeerClient
 * @property {string} id
 * @property {string[]} grants
 * @property {string[]} redirectUris
 */

/**
 * @typedef {object} PeerUser
 * @property {string} id
 * @property {string} username
 * @property {string} passwordHash bcrypt
 */

/**
 * @typedef {object} StoredToken What a key holds: the token with its dates as milliseconds.
 * @property {string} accessToken
 * @property {number} accessTokenExpiresAt
 * @property {string} [refreshToken]
 * @property {number} [refreshTokenExpiresAt]
 * @property {string[]} scope
 * @property {{ id: string }} client
 * @property {{ id: string, username: string }} user
 */

const MAX_KEY_MS = 3600_000;

/**
 * @param {object} options
 * @param {import('ioredis').Redis} options.redis
 * @param {string} options.prefix
 * @param {PeerClient[]} options.clients
 * @param {PeerUser[]} options.users
 */
export function redisModel({ redis, prefix, clients, users }) {
  const clientsById = new Map(clients.map((c) => [c.id, c]));
  const usersByName = new Map(users.map((u) => [u.username, u]));
  /** @param {StoredToken} stored */
  const clientOf = (stored) =>
    clientsById.get(stored.client.id) ?? { id: stored.client.id, grants: [], redirectUris: [] };
  /** @param {Date | undefined} at */
  const ttl = (at) => Math.max(1, Math.min(MAX_KEY_MS, (at?.getTime() ?? 0) - Date.now()));

  return {
    /**
     * @param {string} clientId
     * @param {string | null | undefined} clientSecret
     */
    async getClient(clientId, clientSecret) {
      const client = clientsById.get(clientId);
      // Public clients only: a secret presented to one is wrong.
      if (!client || (clientSecret !== undefined && clientSecret !== null)) return false;
      return client;
    },

    /**
     * @param {string} username
     * @param {string} password
     */
    async getUser(username, password) {
      const user = usersByName.get(username);
      if (!user) return false;
      const ok = await bcrypt.compare(password, user.passwordHash);
      return ok ? { id: user.id, username: user.username } : false;
    },

    /**
     * @param {import('@node-oauth/oauth2-server').Token} token
     * @param {import('@node-oauth/oauth2-server').Client} client
     * @param {import('@node-oauth/oauth2-server').User} user
     */
    async saveToken(token, client, user) {
      /** @type {StoredToken} */
      const stored = {
        accessToken: token.accessToken,
        accessTokenExpiresAt: token.accessTokenExpiresAt?.getTime() ?? 0,
        scope: token.scope ?? [],
        client: { id: client.id },
        user: { id: String(user.id), username: String(user.username) },
      };
      if (token.refreshToken !== undefined) {
        stored.refreshToken = token.refreshToken;
        stored.refreshTokenExpiresAt = token.refreshTokenExpiresAt?.getTime() ?? 0;
      }
      const json = JSON.stringify(stored);
      const multi = redis
        .multi()
        .set(`${prefix}at:${token.accessToken}`, json, 'PX', ttl(token.accessTokenExpiresAt));
      if (token.refreshToken !== undefined) {
        multi.set(
          `${prefix}rt:${token.refreshToken}`,
          json,
          'PX',
          ttl(token.refreshTokenExpiresAt),
        );
      }
      await multi.exec();
      return { ...token, client, user };
    },

    /** @param {string} accessToken */
    async getAccessToken(accessToken) {
      const stored = parse(await redis.get(`${prefix}at:${accessToken}`));
      if (!stored) return false;
      return {
        accessToken: stored.accessToken,
        accessTokenExpiresAt: new Date(stored.accessTokenExpiresAt),
        scope: stored.scope,
        client: clientOf(stored),
        user: stored.user,
      };
    },

    /** @param {string} refreshToken */
    async getRefreshToken(refreshToken) {
      const stored = parse(await redis.get(`${prefix}rt:${refreshToken}`));
      if (!stored || stored.refreshToken === undefined) return false;
      return {
        refreshToken: stored.refreshToken,
        refreshTokenExpiresAt: new Date(stored.refreshTokenExpiresAt ?? 0),
        scope: stored.scope,
        client: clientOf(stored),
        user: stored.user,
      };
    },

    /** @param {{ refreshToken: string }} token */
    async revokeToken(token) {
      return (await redis.del(`${prefix}rt:${token.refreshToken}`)) > 0;
    },
  };
}

/**
 * @param {string | null} value
 * @returns {StoredToken | null}
 */
function parse(value) {
  return value === null ? null : /** @type {StoredToken} */ (JSON.parse(value));
}
