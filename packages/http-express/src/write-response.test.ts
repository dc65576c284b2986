import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, serve } from '../test/harness.js';
import { writeWebResponse } from './write-response.js';

/** Serves `make()`'s Web Response through `writeWebResponse`; resolves the raw Node response. */
async function answer(method: string, make: () => Response) {
  let failure: unknown = null;
  let headersSent = false;
  const app = express();
  app.disable('x-powered-by');
  app.use(async (_req, res) => {
    try {
      await writeWebResponse(res, make());
    } catch (error) {
      failure = error;
      headersSent = res.headersSent;
      res.status(599).end();
    }
  });
  const served = serve(app);
  const req = await served.open({ method, path: '/', headers: { host: 'sentinel.test' } });
  req.end();
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  await served.close();
  return { res, body: Buffer.concat(chunks), failure, headersSent };
}

/** The values of every line of one header, as sent. */
function lines(res: IncomingMessage, name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    if (res.rawHeaders[i]?.toLowerCase() === name) values.push(res.rawHeaders[i + 1] as string);
  }
  return values;
}

afterAll(closeAll);

describe('writeWebResponse', () => {
  it('writes the status, every header and the body bytes', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i));
    const { res, body } = await answer('POST', () => {
      const headers = new Headers({ 'Content-Type': 'application/octet-stream', 'X-One': '1' });
      headers.append('Vary', 'Accept');
      headers.append('Vary', 'Origin');
      return new Response(bytes, { status: 201, headers });
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['x-one']).toBe('1');
    expect(lines(res, 'vary')).toEqual(['Accept, Origin']);
    expect(res.headers['content-length']).toBe('256');
    expect(body.equals(bytes)).toBe(true);
  });

  it('writes each Set-Cookie on its own line', async () => {
    const { res } = await answer('GET', () => {
      const headers = new Headers();
      headers.append('Set-Cookie', 'a=1; Path=/');
      headers.append('Set-Cookie', 'b=2; HttpOnly');
      return new Response('ok', { headers });
    });
    expect(lines(res, 'set-cookie')).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
  });

  it('writes a response without a body (204) as such', async () => {
    const { res, body } = await answer('DELETE', () => new Response(null, { status: 204 }));
    expect(res.statusCode).toBe(204);
    expect(body.byteLength).toBe(0);
    expect(res.headers['transfer-encoding']).toBeUndefined();
  });

  it('writes no body for HEAD', async () => {
    const { res, body } = await answer('HEAD', () => new Response('{"a":1}', { status: 200 }));
    expect(res.statusCode).toBe(200);
    expect(body.byteLength).toBe(0);
  });

  it('rejects before writing anything when the body stream fails', async () => {
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('disk on fire'));
      },
    });
    const { res, failure, headersSent } = await answer('GET', () => new Response(broken));
    expect(failure).toBeInstanceOf(Error);
    expect(headersSent).toBe(false);
    expect(res.statusCode).toBe(599);
  });
});
