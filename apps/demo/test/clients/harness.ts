import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect, type PeerCertificate } from 'node:tls';
import { makeTempDir, removeDir } from '@sentinel/test-support';
import { Agent, fetch as undiciFetch } from 'undici';
import { type DemoProcess, startDemo } from '../support/demo-process.js';

/** The bindings every real-client suite runs on. */
export const BINDINGS = ['hono', 'express'] as const;
export type BindingName = (typeof BINDINGS)[number];

export const ADMIN = { username: 'admin', password: 'change-me-admin' } as const;

/** A `fetch` that trusts exactly one certificate authority: the demo's own certificate. */
export type TrustedFetch = (url: string, init?: RequestInit) => Promise<Response>;

/** The demo on one binding, with the certificate it made for itself, trusted explicitly. */
export interface TrustedDemo {
  readonly demo: DemoProcess;
  /** `https://localhost:PORT`, no trailing slash. */
  readonly base: string;
  /** The demo's self-signed certificate in a PEM file, for curl and Python. */
  readonly caFile: string;
  readonly fetch: TrustedFetch;
  close(): Promise<void>;
}

/**
 * Starts the demo in memory on `binding`, lets it generate its self-signed certificate, reads
 * that certificate from the TLS handshake and from then on trusts it (and nothing else) instead
 * of turning verification off.
 */
export async function startTrustedDemo(binding: BindingName): Promise<TrustedDemo> {
  const demo = await startDemo({
    SENTINEL_HTTP: binding,
    SENTINEL_MANAGEMENT_USERNAME: ADMIN.username,
    SENTINEL_MANAGEMENT_PASSWORD: ADMIN.password,
    SENTINEL_BCRYPT_COST: '4',
    // In memory whatever the outer environment says (the demo takes empty values as unset).
    SENTINEL_MONGO_URI: '',
    SENTINEL_REDIS_URL: '',
  });
  const dir = await makeTempDir('clients');
  try {
    const caPem = await peerCertificatePem(demo.port);
    const caFile = join(dir, 'demo-ca.pem');
    await writeFile(caFile, caPem);
    const agent = new Agent({ connect: { ca: caPem } });
    // The undici package's fetch, so that its Agent is used; its Response is not the global
    // class, which openid-client accepts (it compares toStringTag) and only the types mind.
    const trusted: TrustedFetch = async (url, init) =>
      (await undiciFetch(url, { ...(init as object), dispatcher: agent })) as unknown as Response;
    return {
      demo,
      base: demo.base,
      caFile,
      fetch: trusted,
      close: async () => {
        await Promise.allSettled([demo.stop(), agent.close()]);
        await removeDir(dir);
      },
    };
  } catch (error) {
    await demo.stop();
    await removeDir(dir);
    throw error;
  }
}

/**
 * The certificate the server on `port` presents for `localhost`, as PEM. This one connection
 * does not verify it: it is how the test learns what to trust for all the others.
 */
function peerCertificatePem(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(
      { host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false },
      () => {
        const cert: PeerCertificate = socket.getPeerCertificate(true);
        socket.end();
        const base64 = cert.raw.toString('base64');
        const lines = base64.match(/.{1,64}/g) ?? [];
        resolve(`-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`);
      },
    );
    socket.setTimeout(5000, () => socket.destroy(new Error('TLS handshake timed out')));
    socket.once('error', reject);
  });
}
