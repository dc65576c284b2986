import type { SentinelConfig } from '../config.js';

/** The endpoints Sentinel serves, named for dispatch. */
export type Route =
  | { readonly endpoint: 'token' | 'revoke' | 'introspect' | 'metadata' }
  | { readonly endpoint: 'management-api'; readonly path: string }
  // The management web page, at exactly `{prefix}{managementUrl}`.
  | { readonly endpoint: 'management-page' };

/** RFC 8414 §3: the metadata lives at this path of the issuer's origin, not below the prefix. */
export const METADATA_PATH = '/.well-known/oauth-authorization-server';

/** Where every endpoint lives, from the config: the one place paths are computed. */
export function routesOf(config: SentinelConfig) {
  const at = (url: string | false) => (url === false ? null : `${config.routePrefix}${url}`);
  const routes = {
    token: at(config.tokenUrl),
    revoke: at(config.revokeUrl),
    introspect: at(config.introspectUrl),
    management: at(config.managementUrl),
    metadata: config.metadata ? METADATA_PATH : null,
  };
  const present = (paths: (string | null)[]) => paths.filter((p): p is string => p !== null);
  return {
    ...routes,
    /**
     * What a binding mounts: each `exact` path as it is, and everything below each of
     * `prefixes` (`${prefix}/…`). The core answers all of them.
     */
    mounts: {
      // `routes.management` itself is the management web page.
      exact: present([
        routes.token,
        routes.revoke,
        routes.introspect,
        routes.metadata,
        routes.management,
      ]),
      prefixes: present([routes.management === null ? null : `${routes.management}/api`]),
    },
  };
}

/** Matches a request path to an endpoint, or null when it is not Sentinel's. */
export function matchRoute(config: SentinelConfig, pathname: string): Route | null {
  const routes = routesOf(config);
  for (const endpoint of ['token', 'revoke', 'introspect', 'metadata'] as const) {
    if (routes[endpoint] !== null && pathname === routes[endpoint]) return { endpoint };
  }
  if (routes.management !== null) {
    if (pathname === routes.management) return { endpoint: 'management-page' };
    const api = `${routes.management}/api`;
    if (pathname.startsWith(`${api}/`)) {
      return { endpoint: 'management-api', path: pathname.slice(api.length) };
    }
  }
  return null;
}
