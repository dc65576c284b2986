export * from './config.js';
export * from './crypto/bcrypt-hasher.js';
export { digest, generateToken, safeEqual } from './crypto/tokens.js';
export * from './domain/client.js';
export * from './domain/scope.js';
export * from './domain/token.js';
export * from './domain/user.js';
export * from './errors/oauth-error.js';
export { isUnavailable, toOAuthError } from './errors/to-response.js';
export { clientJson, clientWithSecretJson, userJson } from './management/api.js';
export type { ManagementCredentials } from './management/basic-auth.js';
export { checkBasicAuth, MANAGEMENT_REALM } from './management/basic-auth.js';
export type { ClientWithSecret, NewClientInput } from './management/clients.js';
export { ClientManagement, DEFAULT_GRANTS } from './management/clients.js';
// The management web page: its template data, the escaping helper and the default template.
export type {
  Flash as ManagementFlash,
  ManagementPageData,
  PageClient,
  PageFragments,
  PageUser,
} from './management/page/data.js';
export { DEFAULT_TEMPLATE as DEFAULT_MANAGEMENT_TEMPLATE } from './management/page/default-template.js';
export { escapeHtml } from './management/page/html.js';
export {
  compileTemplate,
  type ManagementPageRenderer,
  TEMPLATE_PLACEHOLDERS,
} from './management/page/template.js';
export { PASSWORD_RULES, UserManagement } from './management/users.js';
export type * from './ports/attempt-limiter.js';
export type * from './ports/client-store.js';
export { DuplicateClientError } from './ports/client-store.js';
export * from './ports/clock.js';
export * from './ports/logger.js';
export type * from './ports/password-hasher.js';
export type * from './ports/token-cache.js';
export type * from './ports/token-store.js';
export { DuplicateTokenError } from './ports/token-store.js';
export type * from './ports/user-store.js';
export { DuplicateUsernameError } from './ports/user-store.js';
export type { AuthenticateOptions, AuthenticateResult } from './protocol/bearer.js';
export { declaredSmallBodyLength, MAX_BODY_BYTES } from './protocol/body.js';
export { authorizationFromRaw, headersFromRaw } from './protocol/raw-headers.js';
export { routesOf } from './protocol/router.js';
export * from './sentinel.js';
export type { TokenResponse } from './tokens/issue.js';
export type { Revoker } from './tokens/revoke.js';
