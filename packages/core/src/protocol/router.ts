import type { SentinelConfig } from '../config.js';

/** The endpoints Sentinel serves, named for dispatch. */
export type Route =
  | { readonly endpoint: 'token' }
  | { readonly endpoint: 'management-api'; readonly path: string };

/** Where every endpoint lives, from the config: the one place paths are computed. */
export function routesOf(config: SentinelConfig) {
  const prefix = config.routePrefix;
  return {
    token: config.tokenUrl === false ? null : `${prefix}${config.tokenUrl}`,
    management: config.managementUrl === false ? null : `${prefix}${config.managementUrl}`,
  };
}

/** Matches a request path to an endpoint, or null when it is not Sentinel's. */
export function matchRoute(config: SentinelConfig, pathname: string): Route | null {
  const routes = routesOf(config);
  if (routes.token !== null && pathname === routes.token) return { endpoint: 'token' };
  if (routes.management !== null) {
    const api = `${routes.management}/api`;
    if (pathname.startsWith(`${api}/`)) {
      return { endpoint: 'management-api', path: pathname.slice(api.length) };
    }
  }
  return null;
}
