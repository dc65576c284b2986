import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { gzipSync } from 'node:zlib';
import express, { type Express } from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, type RawRequest, serve, toResponse } from '../test/harness.js';
import { toWebRequest } from './to-web-request.js';

interface Seen {
  request: Request;
  /** The body as the Web Request gives it, read before the route answered; null without one. */
  body: Buffer | null;
}

/**
 * An app whose every route translates the request and keeps what came out. `before` installs
 * host middleware (body parsers) ahead of the translating route.
 */
function capturing(before?: (app: Express) => void) {
  const seen: Seen[] = [];
  const app = express();
  before?.(app);
  const router = express.Router();
  router.use(async (req, res) => {
    const request = await toWebRequest(req);
    if (request === null) throw new Error('the client went away mid-body');
    const body = request.body === null ? null : Buffer.from(await request.arrayBuffer());
    seen.push({ request, body });
    res.status(204).end();
  });
  app.use('/mounted', router);
  app.use(router);
  const served = serve(app);
  /** Sends a raw request, writing `body` in the given chunks; resolves what the route saw. */
  const send = async (raw: RawRequest, chunks: (string | Buffer)[] = []): Promise<Seen> => {
    const req = await served.open({ ...raw, headers: { host: 'sentinel.test', ...raw.headers } });
    const answer = once(req, 'response') as Promise<[IncomingMessage]>;
    for (const chunk of chunks) req.write(chunk);
    req.end();
    const [res] = await answer;
    expect((await toResponse(res, raw.method)).status).toBe(204);
    const last = seen.at(-1);
    if (last === undefined) throw new Error('the route saw nothing');
    return last;
  };
  return { send };
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };

afterAll(closeAll);

describe('toWebRequest', () => {
  const plain = capturing();

  it('keeps the method and builds the absolute URL from protocol, host and original URL', async () => {
    const { request } = await plain.send({ method: 'PATCH', path: '/a/b?x=1&x=2' });
    expect(request.method).toBe('PATCH');
    expect(request.url).toBe('https://sentinel.test/a/b?x=1&x=2');
    const mounted = await plain.send({ method: 'GET', path: '/mounted/c?y' });
    expect(mounted.request.url).toBe('https://sentinel.test/mounted/c?y');
  });

  it('keeps every header, a repeated one with all its values', async () => {
    const { request } = await plain.send({
      method: 'GET',
      path: '/',
      headers: { 'X-Repeated': ['one', 'two'], Authorization: ['Bearer a', 'Bearer b'] },
    });
    expect(request.headers.get('x-repeated')).toBe('one, two');
    // Node keeps only the first Authorization in req.headers; the raw headers have both.
    expect(request.headers.get('authorization')).toBe('Bearer a, Bearer b');
    expect(request.headers.get('host')).toBe('sentinel.test');
  });

  it('gives GET and HEAD no body', async () => {
    for (const method of ['GET', 'HEAD']) {
      const seen = await plain.send({ method, path: '/', headers: { 'content-length': 0 } });
      expect(seen.request.body).toBeNull();
    }
  });

  it('streams a binary body byte for byte, with or without Content-Length', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const sized = await plain.send(
      { method: 'POST', path: '/', headers: { 'content-length': bytes.byteLength } },
      [bytes],
    );
    expect(sized.body?.equals(bytes)).toBe(true);
    const chunked = await plain.send({ method: 'PUT', path: '/' }, [
      bytes.subarray(0, 100),
      bytes.subarray(100),
    ]);
    expect(chunked.body?.equals(bytes)).toBe(true);
    expect(chunked.request.headers.get('transfer-encoding')).toBe('chunked');
  });

  it('gives an empty stream for a POST without a body', async () => {
    const seen = await plain.send({ method: 'POST', path: '/', headers: { 'content-length': 0 } });
    expect(seen.body?.byteLength).toBe(0);
  });

  describe('after a host body parser read the stream', () => {
    for (const extended of [false, true]) {
      it(`re-encodes an urlencoded form (extended: ${extended}), repeats included`, async () => {
        const app = capturing((a) => a.use(express.urlencoded({ extended })));
        const body = 'grant_type=password&username=alice&username=bob&note=a+b%26c';
        const seen = await app.send({ method: 'POST', path: '/', headers: form }, [body]);
        const text = seen.body?.toString() ?? '';
        expect(text).toBe('grant_type=password&username=alice&username=bob&note=a+b%26c');
        expect(seen.request.headers.get('content-length')).toBe(String(text.length));
        expect(seen.request.headers.get('transfer-encoding')).toBeNull();
      });
    }

    it('re-serializes JSON, and drops the Content-Encoding the parser undid', async () => {
      const app = capturing((a) => a.use(express.json()));
      const value = { username: 'bob', password: 'pässword', tags: ['a', 'b'] };
      const seen = await app.send(
        {
          method: 'POST',
          path: '/',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        },
        [gzipSync(JSON.stringify(value))],
      );
      expect(JSON.parse(seen.body?.toString() ?? '')).toEqual(value);
      expect(seen.request.headers.get('content-encoding')).toBeNull();
      expect(seen.request.headers.get('content-length')).toBe(String(seen.body?.byteLength));
    });

    it('passes raw bytes and text on as they are', async () => {
      const bytes = Buffer.from([0, 255, 1, 254]);
      const raw = capturing((a) => a.use(express.raw()));
      const sent = {
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/octet-stream' },
      };
      expect((await raw.send(sent, [bytes])).body?.equals(bytes)).toBe(true);
      const text = capturing((a) => a.use(express.text()));
      const seen = await text.send(
        { method: 'POST', path: '/', headers: { 'content-type': 'text/plain' } },
        ['héllo'],
      );
      expect(seen.body?.toString()).toBe('héllo');
    });

    it('streams a body the parser skipped (another content type) untouched', async () => {
      const app = capturing((a) => a.use(express.json()));
      const body = 'username=alice&username=bob';
      const seen = await app.send({ method: 'POST', path: '/', headers: form }, [body]);
      expect(seen.body?.toString()).toBe(body);
    });
  });
});
