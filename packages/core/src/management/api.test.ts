import { describe, expect, it } from 'vitest';
import { basic } from '../testing/conformance/helpers.js';
import { createMemorySentinel } from '../testing/memory-sentinel.js';

describe('management API routing', () => {
  // Found by the fuzz suite (seed 1722898406, path 40:0:0:0:0:0:0:0:0:0:0:0): the method picked
  // a handler from an object literal, so "constructor" reached Object and the Request itself
  // came back as the response; "toString" and the like answered 500.
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])(
    'answers the method "%s" with 405, as any other it does not serve',
    async (method) => {
      const { sentinel } = createMemorySentinel();
      const response = await sentinel.handle(
        new Request('https://sentinel.test/oauth/management/api/users', {
          method,
          headers: {
            Authorization: basic('admin', 'admin-password'),
            'Content-Type': 'application/json; charset=utf-8',
          },
          body: '{}',
        }),
      );
      expect(response).toBeInstanceOf(Response);
      expect(response?.status).toBe(405);
      expect(response?.headers.get('allow')).toBe('GET, POST');
      expect(await response?.json()).toEqual({
        error: 'invalid_request',
        error_description: `${method} is not allowed here.`,
      });
    },
  );
});
