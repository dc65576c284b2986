import { describe, expect, it, vi } from 'vitest';
import { createMemorySentinel } from '../testing/memory-sentinel.js';

const PASSWORD = 'correct horse battery';

/** A world with one user and one public client, and spies on the limiter's calls. */
async function world() {
  const w = createMemorySentinel();
  await w.sentinel.users.create({ username: 'alice', password: PASSWORD });
  const { client } = await w.sentinel.clients.create({ type: 'public', name: 'app' });
  const calls = {
    peek: vi.spyOn(w.limiter, 'peek'),
    hit: vi.spyOn(w.limiter, 'hit'),
    reset: vi.spyOn(w.limiter, 'reset'),
  };
  const login = (password: string) =>
    w.sentinel.handle(
      new Request('https://sentinel.test/oauth/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'password',
          username: 'alice',
          password,
          client_id: client.clientId,
        }),
      }),
      { clientIp: '10.1.1.1' },
    );
  return { ...w, calls, login };
}

// Each limiter call is a Redis round trip in production: a login pays for as few as it can.
describe('brute-force counting on a login (RFC 6749 §4.3.2)', () => {
  it('a good password with no failures before asks the limiter twice: the IP, then the user', async () => {
    const w = await world();
    expect((await w.login(PASSWORD))?.status).toBe(200);
    expect(w.calls.peek.mock.calls.map(([key]) => key.split(':')[0])).toEqual(['ip', 'user']);
    expect(w.calls.hit).not.toHaveBeenCalled();
    expect(w.calls.reset).not.toHaveBeenCalled();
  });

  it('a good password after failures clears the user count, and only that', async () => {
    const w = await world();
    expect((await w.login('wrong password'))?.status).toBe(400);
    expect(w.calls.hit).toHaveBeenCalledTimes(2);
    expect((await w.login(PASSWORD))?.status).toBe(200);
    expect(w.calls.reset).toHaveBeenCalledTimes(1);
    const [key] = w.calls.reset.mock.calls[0] ?? [];
    expect(key?.startsWith('user:')).toBe(true);
    expect(await w.limiter.peek(key ?? '')).toEqual({ count: 0, resetInMs: 0 });
    // The IP's count stays: it is not the user's to clear.
    expect((await w.limiter.peek('ip:10.1.1.1')).count).toBe(1);
  });
});
