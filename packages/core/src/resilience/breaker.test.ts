import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../errors/oauth-error.js';
import { FakeClock } from '../testing/fake-clock.js';
import { withBreaker } from './breaker.js';

class Flaky {
  calls = 0;
  failing = true;
  async get(key: string): Promise<string> {
    this.calls++;
    if (this.failing) throw new Error('timed out');
    return `value of ${key}`;
  }
}

describe('withBreaker', () => {
  it('skips calls for openMs after a failure, then tries again', async () => {
    const clock = new FakeClock();
    const flaky = new Flaky();
    const port = withBreaker(flaky, { name: 'cache', openMs: 1000, clock });
    await expect(port.get('a')).rejects.toThrow('timed out');
    await expect(port.get('a')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(port.get('b')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(flaky.calls).toBe(1);
    clock.advance(1000);
    flaky.failing = false;
    expect(await port.get('a')).toBe('value of a');
    expect(flaky.calls).toBe(2);
  });

  it('passes values and non-function properties through untouched', async () => {
    const clock = new FakeClock();
    const flaky = new Flaky();
    flaky.failing = false;
    const port = withBreaker(flaky, { name: 'cache', openMs: 1000, clock });
    expect(await port.get('x')).toBe('value of x');
    expect(port.calls).toBe(1);
  });
});
