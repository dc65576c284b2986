import { routesOf, type SentinelConfig } from '@sentinel/core';

/**
 * Whether a request path (the URL before any `?`, as received) is one Sentinel serves, from the
 * core's own table (`routesOf(config).mounts`): each exact path, and everything below each
 * prefix. Compared as plain strings, so a configured path may hold characters that Express path
 * patterns read as syntax (`:`, `*`, `(`), and so that the check costs a Set lookup and a few
 * `startsWith` calls on every request the app serves, rather than a walk through a Router.
 */
export function sentinelPathMatcher(config: SentinelConfig): (path: string) => boolean {
  const { mounts } = routesOf(config);
  const exact = new Set(mounts.exact);
  const prefixes = mounts.prefixes.map((prefix) => `${prefix}/`);
  return (path) => exact.has(path) || prefixes.some((prefix) => path.startsWith(prefix));
}

/** The path part of a request URL: everything before the query. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
