import type { ServerResponse } from 'node:http';

/**
 * Writes a Web `Response` to Node's response: status, every header (each `Set-Cookie` on its own
 * line) and the body bytes. The body is read whole before anything is written (the core's answers
 * are small JSON documents), so a failure while reading it rejects with nothing sent, and the
 * caller can still answer 500.
 */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = response.body === null ? null : new Uint8Array(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
  if (body === null) res.end();
  else res.end(body);
}
