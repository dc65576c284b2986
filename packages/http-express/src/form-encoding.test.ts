import { describe, expect, it } from 'vitest';
import { formEncode } from './form-encoding.js';

describe('formEncode', () => {
  it('writes plain parameters in form encoding', () => {
    expect(formEncode({ a: 'x y', b: 'é&=', c: '' })).toBe('a=x+y&b=%C3%A9%26%3D&c=');
  });

  it('writes a parameter that was sent twice (an array) twice', () => {
    expect(formEncode({ username: ['alice', 'bob'], grant_type: 'password' })).toBe(
      'username=alice&username=bob&grant_type=password',
    );
    expect(formEncode({ a: ['1', '1', '1'] })).toBe('a=1&a=1&a=1');
  });

  it('writes an array of one, which only bracket syntax makes, with brackets', () => {
    expect(formEncode({ a: ['x'] })).toBe('a%5B%5D=x');
  });

  it('writes nested objects (extended parsing) in bracket syntax', () => {
    expect(formEncode({ a: { b: 'c', d: { e: 'f' } } })).toBe('a%5Bb%5D=c&a%5Bd%5D%5Be%5D=f');
    // qs makes `a=1&a[b]=2` into ['1', { b: '2' }].
    expect(formEncode({ a: ['1', { b: '2' }] })).toBe('a=1&a%5Bb%5D=2');
  });

  it('writes nothing for what is not a parsed form', () => {
    expect(formEncode(undefined)).toBe('');
    expect(formEncode(['a'])).toBe('');
    expect(formEncode('a=b')).toBe('');
  });
});
