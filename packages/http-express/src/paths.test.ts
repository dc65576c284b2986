import { parseConfig } from '@sentinel/core';
import { describe, expect, it } from 'vitest';
import { pathOf, sentinelPathMatcher } from './paths.js';

/** Whether the binding takes `path`. */
function served(config: Parameters<typeof parseConfig>[0], path: string): boolean {
  return sentinelPathMatcher(parseConfig(config))(path);
}

describe('sentinelPathMatcher', () => {
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
    for (const path of ['/oauth/token', '/oauth/management/api/users', '/', '']) {
      expect(served(off, path)).toBe(false);
    }
  });

  it('serves the whole tree when mounted at the root prefix', () => {
    expect(served({ routePrefix: '' }, '/token')).toBe(true);
    expect(served({ routePrefix: '' }, '/oauth/token')).toBe(false);
  });
});

describe('pathOf', () => {
  it('drops the query, and only the query', () => {
    expect(pathOf('/oauth/token?grant_type=password')).toBe('/oauth/token');
    expect(pathOf('/oauth/token')).toBe('/oauth/token');
    expect(pathOf('/a%3Fb?c?d')).toBe('/a%3Fb');
    expect(pathOf('?x')).toBe('');
  });
});
