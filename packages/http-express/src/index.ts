/**
 * `@sentinel/http-express`: Sentinel on Express 5. `sentinel(core)` is a router serving the
 * token endpoint, revocation, introspection, metadata and the management API; `requireOAuth(core)`
 * protects the app's own routes with the tokens Sentinel issues.
 */

export { type RequireOAuthOptions, requireOAuth } from './require-oauth.js';
export { type SentinelExpressOptions, sentinel } from './router.js';
