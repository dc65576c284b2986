import { routesOf, type SentinelConfig } from '@sentinel/core';

/** Escapes a path so that a regular expression matches it literally. */
function literal(path: string): string {
  return path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The request paths Sentinel's router serves, taken from the core's own table
 * (`routesOf(config).mounts`): each exact path, and everything below each prefix. They are regular
 * expressions rather than Express path patterns because a configured path may contain characters
 * that patterns read as syntax, such as `:`, `*` or `(`.
 */
export function sentinelPaths(config: SentinelConfig): RegExp[] {
  const { mounts } = routesOf(config);
  return [
    ...mounts.exact.map((path) => new RegExp(`^${literal(path)}$`)),
    ...mounts.prefixes.map((prefix) => new RegExp(`^${literal(prefix)}/`)),
  ];
}
