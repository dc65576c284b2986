import { readFile } from 'node:fs/promises';
import { generate } from 'selfsigned';
import type { DemoEnv } from './env.js';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** True when generated at start (clients must then skip verification or trust it). */
  selfSigned: boolean;
}

/** The configured certificate, or a fresh self-signed one for localhost valid for 30 days. */
export async function tlsMaterial(env: DemoEnv): Promise<TlsMaterial> {
  if (env.SENTINEL_TLS_CERT !== undefined && env.SENTINEL_TLS_KEY !== undefined) {
    const [cert, key] = await Promise.all([
      readFile(env.SENTINEL_TLS_CERT, 'utf8'),
      readFile(env.SENTINEL_TLS_KEY, 'utf8'),
    ]);
    return { cert, key, selfSigned: false };
  }
  const notAfter = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private, selfSigned: true };
}
