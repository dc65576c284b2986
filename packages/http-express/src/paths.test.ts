import { parseConfig } from '@sentinel/core';
import { describe, expect, it } from 'vitest';
import { sentinelPaths } from './paths.js';

/** Whether any of the router's paths takes `path`. */
function served(config: Parameters<typeof parseConfig>[0], path: string): boolean {
  return sentinelPaths(parseConfig(config)).some((pattern) => pattern.test(path));
}

describe('sentinelPaths', () => {
  it('takes exactly the token path and everything below the management API', () => {
    expect(served({}, '/oauth/token')).toBe(true);
    expect(served({}, '/oauth/management/api/users/42')).toBe(true);
    for (const path of ['/oauth/token/', '/oauth/tokens', '/oauth/management/apix', '/other']) {
      expect(served({}, path)).toBe(false);
    }
  });

  it('reads configured paths literally, even characters Express patterns treat as syntax', () => {
    const config = { routePrefix: '/a(b)*', tokenUrl: '/to:ken+' };
    expect(served(config, '/a(b)*/to:ken+')).toBe(true);
    expect(served(config, '/abbb/tokennn')).toBe(false);
    expect(served(config, '/a(b)*/to')).toBe(false);
  });

  it('is empty when every endpoint is off', () => {
    const off = {
      tokenUrl: false,
      managementUrl: false,
      revokeUrl: false,
      introspectUrl: false,
      metadata: false,
    } as const;
    expect(sentinelPaths(parseConfig(off))).toEqual([]);
  });
});
