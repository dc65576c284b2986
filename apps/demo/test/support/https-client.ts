import { request } from 'node:https';

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * One HTTPS request to the demo, which serves a self-signed certificate: verification is turned
 * off for this request only.
 */
export function httpsRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, rejectUnauthorized: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.once('error', reject);
    req.end(options.body);
  });
}

/** POST an `application/x-www-form-urlencoded` body, optionally with HTTP Basic credentials. */
export function postForm(
  url: string,
  form: Record<string, string>,
  basic?: { username: string; password: string },
): Promise<HttpAnswer> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
  };
  if (basic !== undefined) {
    // RFC 6749 §2.3.1: each part is form-encoded before it is joined and base64-encoded.
    const pair = `${encodeURIComponent(basic.username)}:${encodeURIComponent(basic.password)}`;
    headers.Authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  }
  return httpsRequest(url, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
}
