/** The database flask-sentinel used (its SENTINEL_MONGO_DBNAME default), and so Sentinel's default. */
export const DEFAULT_DATABASE_NAME = 'oauth';

/** Names of the collections the stores use. Every one can be overridden. */
export interface CollectionNames {
  /** Users, as the seed wrote them. Default `users`. */
  readonly users: string;
  /** OAuth clients, as the seed wrote them. Default `clients`. */
  readonly clients: string;
  /** Issued tokens, by digest. Default `tokens` (the seed's own documents there are left alone). */
  readonly tokens: string;
  /** Redemption and family-revocation markers and the cache generation. Default `token_meta`. */
  readonly tokenMeta: string;
}

export const DEFAULT_COLLECTIONS: CollectionNames = {
  users: 'users',
  clients: 'clients',
  tokens: 'tokens',
  tokenMeta: 'token_meta',
};
