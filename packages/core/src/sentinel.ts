import { parseConfig, type SentinelConfig, type SentinelConfigInput } from './config.js';
import { BcryptHasher } from './crypto/bcrypt-hasher.js';
import { toOAuthError } from './errors/to-response.js';
import { BruteForceGuard } from './grants/brute-force.js';
import { clientCredentialsGrant } from './grants/client-credentials.js';
import { passwordGrant } from './grants/password.js';
import { refreshTokenGrant } from './grants/refresh-token.js';
import { ManagementApi } from './management/api.js';
import { checkBasicAuth } from './management/basic-auth.js';
import { ClientManagement } from './management/clients.js';
import { DEFAULT_TEMPLATE } from './management/page/default-template.js';
import { derivePageKeys } from './management/page/keys.js';
import { ManagementPage } from './management/page/page.js';
import { type ManagementPageRenderer, pageRenderer } from './management/page/template.js';
import { UserManagement } from './management/users.js';
import type { AttemptLimiter } from './ports/attempt-limiter.js';
import type { ClientStore } from './ports/client-store.js';
import { type Clock, systemClock } from './ports/clock.js';
import { consoleLogger, type Logger } from './ports/logger.js';
import type { PasswordHasher } from './ports/password-hasher.js';
import type { TokenCache } from './ports/token-cache.js';
import type { TokenStore } from './ports/token-store.js';
import type { UserStore } from './ports/user-store.js';
import {
  type AuthenticateOptions,
  type AuthenticateResult,
  authenticateBearer,
  requiredScope,
} from './protocol/bearer.js';
import { introspectionEndpoint } from './protocol/introspection-endpoint.js';
import { metadataEndpoint } from './protocol/metadata.js';
import { errorResponse } from './protocol/responses.js';
import { revocationEndpoint } from './protocol/revocation-endpoint.js';
import { matchRoute } from './protocol/router.js';
import { tokenEndpoint } from './protocol/token-endpoint.js';
import { withBreaker } from './resilience/breaker.js';
import { MemoryAttemptLimiter } from './testing/memory/attempt-limiter.js';
import type { Deps } from './tokens/deps.js';
import { CacheGeneration } from './tokens/generation.js';
import { Revoker } from './tokens/revoke.js';
import { Verifier } from './tokens/verify.js';

export interface SentinelOptions {
  readonly users: UserStore;
  readonly clients: ClientStore;
  readonly tokens: TokenStore;
  /** The fast verification cache (Redis); without one every verification reads the store. */
  readonly cache?: TokenCache;
  /** Failure counters; in-memory (one process) by default, Redis for several processes. */
  readonly limiter?: AttemptLimiter;
  /** bcryptjs on a worker pool of `hashPoolSize` threads by default. */
  readonly hasher?: PasswordHasher;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly config?: SentinelConfigInput;
  /** Worker threads for the default hasher; defaults to the number of cores. */
  readonly hashPoolSize?: number;
  /**
   * Nice value (0 to 19) of the default hasher's threads on Linux, 19 by default: logins hash
   * below the event loop, so they cannot slow token verification down. 0 turns this off.
   */
  readonly hashThreadNice?: number;
  /**
   * The management page's template: a template string with `{{…}}` placeholders, or a function
   * of the page data (`ManagementPageData`). The built-in page by default. A string with an
   * unknown placeholder is refused here, with a TypeError.
   */
  readonly managementTemplate?: string | ManagementPageRenderer;
}

/** What the binding passes along with each request. */
export interface RequestContext {
  /** The client's IP address, for brute-force counting. */
  readonly clientIp?: string;
}

/** A wired Sentinel: request handlers for the bindings, and use cases for code and tools. */
export interface Sentinel {
  readonly config: SentinelConfig;
  /** Answers a request for one of Sentinel's endpoints, or resolves null when it is not one. */
  handle(request: Request, context?: RequestContext): Promise<Response | null>;
  /**
   * Checks an Authorization header for a resource route (RFC 6750). Validates `options` once
   * and returns the checker, so middleware pays for it at setup, not per request.
   */
  authenticator(
    options?: AuthenticateOptions,
  ): (authorization: string | null | undefined) => Promise<AuthenticateResult>;
  readonly users: UserManagement;
  readonly clients: ClientManagement;
  readonly revoke: Revoker;
  /** Deletes expired tokens from the store; returns how many. */
  purgeExpired(): Promise<number>;
  /**
   * Makes every cache entry written so far untrustworthy, in every process sharing the store
   * (within `cacheGenerationRefreshMs`). Use it after changing token documents behind Sentinel's
   * back, such as restoring a backup: a cache entry outlives the document it was made from.
   */
  invalidateCache(): Promise<void>;
  /** Stops the hashing pool Sentinel created (not the stores, which the caller owns). */
  close(): Promise<void>;
}

export function createSentinel(options: SentinelOptions): Sentinel {
  const config = parseConfig(options.config ?? {});
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger;
  const ownHasher =
    options.hasher === undefined
      ? new BcryptHasher({
          cost: config.bcryptCost,
          poolSize: options.hashPoolSize,
          threadNice: options.hashThreadNice,
        })
      : null;
  const deps: Deps = {
    config,
    users: options.users,
    clients: options.clients,
    tokens: options.tokens,
    cache:
      options.cache === undefined
        ? null
        : withBreaker(options.cache, { name: 'token cache', openMs: config.breakerMs, clock }),
    hasher: options.hasher ?? (ownHasher as BcryptHasher),
    clock,
    logger,
  };
  const generation = new CacheGeneration(
    deps.tokens,
    clock,
    config.cacheGenerationRefreshMs,
    logger,
  );
  const revoke = new Revoker(deps, generation);
  const verifier = new Verifier(deps, generation);
  const limiter = withBreaker(options.limiter ?? new MemoryAttemptLimiter(clock), {
    name: 'attempt limiter',
    openMs: config.breakerMs,
    clock,
  });
  const guard = new BruteForceGuard(limiter, config.limiter, logger);
  const users = new UserManagement(deps, revoke);
  const clients = new ClientManagement(deps, revoke);
  const management = new ManagementApi(users, clients);
  const grants = {
    password: passwordGrant(deps, guard),
    refresh_token: refreshTokenGrant(deps, revoke),
    client_credentials: clientCredentialsGrant(deps),
  };
  const endpointDeps = { ...deps, guard, revoke, grants };
  const credentials =
    config.management.username !== undefined && config.management.password !== undefined
      ? { username: config.management.username, password: config.management.password }
      : null;
  const managementOpen = credentials !== null || config.management.insecureOpen;
  // The management web page: same credentials as the API; its keys derive from them.
  const page =
    config.managementUrl === false
      ? null
      : new ManagementPage({
          users,
          clients,
          clock,
          logger,
          path: `${config.routePrefix}${config.managementUrl}`,
          keys: derivePageKeys(credentials),
          render: pageRenderer(options.managementTemplate, DEFAULT_TEMPLATE),
        });
  if (!managementOpen && config.managementUrl !== false) {
    logger.warn(
      {},
      'management API is off: set SENTINEL_MANAGEMENT_USERNAME and SENTINEL_MANAGEMENT_PASSWORD',
    );
  }

  const handleManagement = async (request: Request, path: string): Promise<Response> => {
    try {
      if (credentials !== null) checkBasicAuth(request.headers.get('authorization'), credentials);
      const response = await management.handle(request, path);
      response.headers.set('Cache-Control', 'no-store');
      return response;
    } catch (error) {
      return errorResponse(toOAuthError(error, logger, { endpoint: 'management' }), {
        'Cache-Control': 'no-store',
      });
    }
  };

  /** The page under the same Basic auth as the API; a refusal is an HTML page with the challenge. */
  const handlePage = async (request: Request, on: ManagementPage): Promise<Response> => {
    try {
      if (credentials !== null) checkBasicAuth(request.headers.get('authorization'), credentials);
    } catch (error) {
      return on.refuse(toOAuthError(error, logger, { endpoint: 'management-page' }));
    }
    return on.handle(request);
  };

  return {
    config,
    users,
    clients,
    revoke,
    async handle(request, context = {}) {
      const route = matchRoute(config, new URL(request.url).pathname);
      if (route === null) return null;
      const clientIp = context.clientIp ?? 'unknown';
      switch (route.endpoint) {
        case 'token':
          return tokenEndpoint(endpointDeps, request, clientIp);
        case 'revoke':
          return revocationEndpoint(endpointDeps, request, clientIp);
        case 'introspect':
          return introspectionEndpoint(endpointDeps, request, clientIp);
        case 'metadata':
          return metadataEndpoint(endpointDeps, request);
        case 'management-api':
          return managementOpen ? handleManagement(request, route.path) : null;
        case 'management-page':
          return managementOpen && page !== null ? handlePage(request, page) : null;
      }
    },
    authenticator(authOptions = {}) {
      const required = requiredScope(authOptions.scope);
      return (authorization) =>
        authenticateBearer(verifier, config.realm, logger, authorization, required);
    },
    purgeExpired: () => deps.tokens.purgeExpired(new Date(clock.now())),
    invalidateCache: () => generation.bump(),
    async close() {
      await ownHasher?.close();
    },
  };
}
