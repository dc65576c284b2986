import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Logger, Sentinel } from '@sentinel/core';
import { createMemorySentinel } from '@sentinel/core/testing';
import express from 'express';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { expressApp } from '../test/app.js';
import { closeAll, serve, toResponse } from '../test/harness.js';
import { BASE, loginBody, seeded, tokenRequest } from '../test/world.js';
import { requireOAuth, sentinel } from './index.js';

function recordingLogger() {
  return { error: vi.fn(), warn: vi.fn(), info: vi.fn() } satisfies Logger;
}

/** Expects the binding's JSON 500: no HTML, no detail of the failure. */
async function expectServerError(response: Response): Promise<void> {
  expect(response.status).toBe(500);
  expect(response.headers.get('content-type')).toBe('application/json');
  expect(await response.json()).toEqual({
    error: 'server_error',
    error_description: 'The server encountered an unexpected error.',
  });
}

afterAll(closeAll);

describe('Express binding', () => {
  it('leaves the host app’s own routes alone', async () => {
    const { sentinel: core } = createMemorySentinel();
    const app = express();
    app.use(sentinel(core));
    app.get('/health', (_req, res) => {
      res.send('ok');
    });
    const served = serve(app);
    const response = await served.fetch(new Request(`${BASE}/health`));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });

  it('passes what the core does not answer on to the next handler', async () => {
    const { sentinel: core } = createMemorySentinel({ config: { management: {} } });
    const served = serve(expressApp(core));
    for (const path of ['/oauth/management/api/users', '/OAUTH/TOKEN', '/oauth/token/']) {
      const response = await served.fetch(new Request(`${BASE}${path}`));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: 'not_found',
        error_description: 'No such route.',
      });
    }
  });

  it('serves configured paths literally, and nothing when every endpoint is off', async () => {
    const odd = createMemorySentinel({ config: { tokenUrl: '/to:ken(1)' } }).sentinel;
    const answer = await serve(expressApp(odd)).fetch(
      new Request(`${BASE}/oauth/to:ken(1)`, { method: 'GET' }),
    );
    expect(answer.status).toBe(405);
    const off = createMemorySentinel({
      config: {
        tokenUrl: false,
        managementUrl: false,
        revokeUrl: false,
        introspectUrl: false,
        metadata: false,
      },
    }).sentinel;
    const none = await serve(expressApp(off)).fetch(tokenRequest('grant_type=password'));
    expect(none.status).toBe(404);
  });

  it('rejects an invalid required scope when the route is set up, not per request', () => {
    const { sentinel: core } = createMemorySentinel();
    expect(() => requireOAuth(core, { scope: 'bad"scope' })).toThrow(TypeError);
  });

  it('takes the client IP from req.ip by default', async () => {
    const { sentinel: core } = createMemorySentinel();
    const seen: (string | undefined)[] = [];
    const spy: Sentinel = {
      ...core,
      handle: (request, context) => {
        seen.push(context?.clientIp);
        return core.handle(request, context);
      },
    };
    const app = express();
    app.set('trust proxy', 'loopback');
    app.use(sentinel(spy));
    const served = serve(app);
    await served.fetch(tokenRequest('grant_type=password'));
    const forwarded = tokenRequest('grant_type=password');
    forwarded.headers.set('X-Forwarded-For', '203.0.113.7');
    await served.fetch(forwarded);
    expect(seen).toEqual(['127.0.0.1', '203.0.113.7']);
  });

  describe('failures', () => {
    it('a failing core.handle is a JSON server_error, logged, never an HTML page', async () => {
      const { sentinel: core } = createMemorySentinel();
      const logger = recordingLogger();
      const failing: Sentinel = {
        ...core,
        handle: () => Promise.reject(new Error('secret detail')),
      };
      const app = express();
      app.use(sentinel(failing, { logger }));
      const response = await serve(app).fetch(tokenRequest('grant_type=password'));
      expect(response.headers.get('cache-control')).toBe('no-store');
      await expectServerError(response);
      expect(logger.error).toHaveBeenCalledWith(
        expect.objectContaining({ err: expect.objectContaining({ message: 'secret detail' }) }),
        'unexpected error',
      );
    });

    it('a response body that fails while streaming is a JSON server_error', async () => {
      const { sentinel: core } = createMemorySentinel();
      const broken = new ReadableStream<Uint8Array>({
        pull: (controller) => controller.error(new Error('stream broke')),
      });
      const failing: Sentinel = { ...core, handle: async () => new Response(broken) };
      const app = express();
      app.use(sentinel(failing, { logger: recordingLogger() }));
      await expectServerError(await serve(app).fetch(tokenRequest('grant_type=password')));
    });

    it('a failing token check in requireOAuth is a JSON server_error', async () => {
      const { sentinel: core } = createMemorySentinel();
      const failing: Sentinel = {
        ...core,
        authenticator: () => () => Promise.reject(new Error('cache on fire')),
      };
      const app = express();
      app.get('/protected', requireOAuth(failing, { logger: recordingLogger() }), (_req, res) => {
        res.send('unreachable');
      });
      const response = await serve(app).fetch(
        new Request(`${BASE}/protected`, { headers: { Authorization: 'Bearer abc' } }),
      );
      await expectServerError(response);
    });
  });

  it('answers TRACE on its paths as any other method a route does not take (RFC 9110 §15.5.6)', async () => {
    const w = await seeded();
    const served = serve(expressApp(w.sentinel));
    const req = await served.open({
      method: 'TRACE',
      path: '/oauth/token',
      headers: { host: 'sentinel.test' },
    });
    const answer = once(req, 'response') as Promise<[IncomingMessage]>;
    req.end();
    const response = await toResponse((await answer)[0], 'TRACE');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  describe('request bodies on the wire', () => {
    it('a client aborting mid-body (chunked, streamed to the core) crashes nothing', async () => {
      const w = await seeded();
      let settled: Promise<unknown> = Promise.resolve();
      let enter = () => {};
      const entered = new Promise<void>((resolve) => {
        enter = resolve;
      });
      const watched: Sentinel = {
        ...w.sentinel,
        handle: (request, context) => {
          settled = w.sentinel.handle(request, context);
          enter();
          return settled as Promise<Response | null>;
        },
      };
      const served = serve(expressApp(watched));
      // No Content-Length: the body is chunked, and the core reads it as a stream.
      const req = await served.open({
        method: 'POST',
        path: '/oauth/token',
        headers: { host: 'sentinel.test', 'content-type': 'application/x-www-form-urlencoded' },
      });
      req.on('error', () => {});
      req.write('grant_type=pass');
      await entered;
      req.destroy();
      await expect(settled).resolves.toBeInstanceOf(Response);
      expect((await served.fetch(tokenRequest(loginBody(w.clientId)))).status).toBe(200);
    });

    it('a client aborting mid-body (declared length, read first) never reaches the core', async () => {
      const w = await seeded();
      const logger = recordingLogger();
      const handled: string[] = [];
      const watched: Sentinel = {
        ...w.sentinel,
        handle: async (request, context) => {
          handled.push(await request.clone().text());
          return w.sentinel.handle(request, context);
        },
      };
      let arrive = () => {};
      const arrived = new Promise<void>((resolve) => {
        arrive = resolve;
      });
      const app = express();
      app.use((_req, _res, next) => {
        arrive();
        next();
      });
      app.use(sentinel(watched, { logger }));
      const served = serve(app);
      const req = await served.open({
        method: 'POST',
        path: '/oauth/token',
        headers: {
          host: 'sentinel.test',
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': 1000,
        },
      });
      req.on('error', () => {});
      req.write('grant_type=pass');
      await arrived;
      req.destroy();
      const login = loginBody(w.clientId);
      expect((await served.fetch(tokenRequest(login))).status).toBe(200);
      expect(handled).toEqual([login]);
      expect(logger.error).not.toHaveBeenCalled();
    });

    it('a chunked body over 16 KiB gets 413, and the server goes on', async () => {
      const w = await seeded();
      const served = serve(expressApp(w.sentinel));
      const req = await served.open({
        method: 'POST',
        path: '/oauth/token',
        headers: { host: 'sentinel.test', 'content-type': 'application/x-www-form-urlencoded' },
      });
      const answer = once(req, 'response') as Promise<[IncomingMessage]>;
      req.on('error', () => {});
      req.write(`${loginBody(w.clientId)}&pad=`);
      for (let i = 0; i < 20; i++) req.write('x'.repeat(1024));
      req.end();
      const response = await toResponse((await answer)[0], 'POST');
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
      expect((await served.fetch(tokenRequest(loginBody(w.clientId)))).status).toBe(200);
    });

    it('a body the core never reads does not hold up the connection', async () => {
      const w = await seeded();
      const served = serve(expressApp(w.sentinel));
      for (let i = 0; i < 3; i++) {
        const put = await served.fetch(
          new Request(`${BASE}/oauth/token`, { method: 'PUT', body: 'x'.repeat(256 * 1024) }),
        );
        expect(put.status).toBe(405);
      }
      expect((await served.fetch(tokenRequest(loginBody(w.clientId)))).status).toBe(200);
    });
  });
});
