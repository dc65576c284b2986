/**
 * `@sentinel/adapter-mongo`: Sentinel's user, client and token stores on MongoDB (or a
 * MongoDB-compatible server such as FerretDB), reading the data flask-sentinel left behind.
 */

export type { ClientDocument } from './client-document.js';
export { MongoClientStore, type MongoClientStoreOptions } from './client-store.js';
export { type CollectionNames, DEFAULT_COLLECTIONS, DEFAULT_DATABASE_NAME } from './collections.js';
export {
  type ConnectMongoOptions,
  connectMongo,
  MONGO_CLIENT_DEFAULTS,
  type MongoConnection,
} from './connect.js';
export { isDriverUnavailable, MalformedDocumentError } from './errors.js';
export { createMongoStores, type MongoStores, type MongoStoresOptions } from './stores.js';
export type { TokenDocument } from './token-document.js';
export type { FamilyMarker, GenerationMarker, MetaDocument, RedeemMarker } from './token-meta.js';
export { MongoTokenStore, type MongoTokenStoreOptions } from './token-store.js';
export type { UserDocument } from './user-document.js';
export { MongoUserStore, type MongoUserStoreOptions } from './user-store.js';
