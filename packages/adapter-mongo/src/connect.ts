import { type Db, MongoClient, type MongoClientOptions } from 'mongodb';
import { DEFAULT_DATABASE_NAME } from './collections.js';

/**
 * Driver options that bound how long a call waits when the server is down or hung, so that the
 * token endpoint answers `temporarily_unavailable` in seconds instead of hanging:
 * - `serverSelectionTimeoutMS`: how long an operation waits for a reachable server (driver default 30 s).
 * - `connectTimeoutMS`: how long opening one TCP connection and its handshake may take.
 * - `socketTimeoutMS`: how long a sent command may wait for its answer on a live socket.
 * The driver keeps reconnecting in the background, so the same client recovers once the server
 * is back; no restart is needed.
 */
export const MONGO_CLIENT_DEFAULTS = {
  serverSelectionTimeoutMS: 2000,
  connectTimeoutMS: 2000,
  socketTimeoutMS: 5000,
  appName: 'sentinel',
} as const satisfies MongoClientOptions;

export interface ConnectMongoOptions extends MongoClientOptions {
  /** Database name; default `oauth`, flask-sentinel's. A database named in the URI is not used. */
  readonly dbName?: string;
}

export interface MongoConnection {
  readonly client: MongoClient;
  readonly db: Db;
}

/**
 * Connects with `MONGO_CLIENT_DEFAULTS` (each overridable) and returns the client and database.
 * Rejects when no server answers within `serverSelectionTimeoutMS`. Close the client at shutdown.
 */
export async function connectMongo(
  uri: string,
  options: ConnectMongoOptions = {},
): Promise<MongoConnection> {
  const { dbName = DEFAULT_DATABASE_NAME, ...driverOptions } = options;
  const client = new MongoClient(uri, { ...MONGO_CLIENT_DEFAULTS, ...driverOptions });
  await client.connect();
  return { client, db: client.db(dbName) };
}
