import { describe, expect, it } from 'vitest';
import { declaredSmallBodyLength, MAX_BODY_BYTES } from './body.js';
import { authorizationFromRaw, headersFromRaw } from './raw-headers.js';

describe('headers from a raw [name, value, …] list', () => {
  const raw = ['Host', 'a.test', 'authorization', ' Bearer abc ', ':path', '/x', 'X-Twice', '1'];

  it('reads as a Web Headers does: repeated ones joined, pseudo-headers left out', () => {
    const headers = headersFromRaw([...raw, 'x-twice', '2']);
    expect(headers.get('x-twice')).toBe('1, 2');
    expect(headers.get('authorization')).toBe('Bearer abc');
    expect([...headers.keys()]).toEqual(['authorization', 'host', 'x-twice']);
  });

  it('finds Authorization as headersFromRaw(raw).get() would (RFC 6750 §2.1)', () => {
    expect(authorizationFromRaw(raw)).toBe(headersFromRaw(raw).get('authorization'));
    const twice = [...raw, 'AUTHORIZATION', 'Bearer def'];
    expect(authorizationFromRaw(twice)).toBe('Bearer abc, Bearer def');
    expect(authorizationFromRaw(twice)).toBe(headersFromRaw(twice).get('authorization'));
    expect(authorizationFromRaw(['Host', 'a.test'])).toBeNull();
  });
});

describe('declaredSmallBodyLength', () => {
  it('takes a plain decimal length up to the cap, and nothing else', () => {
    expect(declaredSmallBodyLength('0')).toBe(0);
    expect(declaredSmallBodyLength(String(MAX_BODY_BYTES))).toBe(MAX_BODY_BYTES);
    for (const other of [String(MAX_BODY_BYTES + 1), '1e3', ' 12', '-1', '', null, undefined]) {
      expect(declaredSmallBodyLength(other)).toBeNull();
    }
    expect(declaredSmallBodyLength(['12', '12'])).toBeNull();
  });
});
