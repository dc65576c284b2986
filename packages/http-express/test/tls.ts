import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
}

let pending: Promise<Certificate> | undefined;

/** A self-signed certificate for `sentinel.test`, made once per test file. */
export function certificate(): Promise<Certificate> {
  pending ??= generate([{ name: 'commonName', value: 'sentinel.test' }], {
    keySize: 2048,
    algorithm: 'sha256',
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return pending;
}
