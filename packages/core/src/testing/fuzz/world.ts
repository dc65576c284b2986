import { BASE, basic, type ConformanceApp, PASSWORD } from '../conformance/helpers.js';
import { createMemorySentinel, type MemorySentinel } from '../memory-sentinel.js';
import { exchange } from './exchange.js';

/**
 * A value the generators name rather than hold: a client_id, a secret or a token only exists once
 * the world is built, and tokens change as requests succeed. Counterexamples print the name.
 */
export interface Ref {
  readonly ref: RefName;
}

export type RefName =
  | 'publicClient'
  | 'confidentialClient'
  | 'clientSecret'
  | 'username'
  | 'password'
  | 'userId'
  | 'accessToken'
  | 'refreshToken';

/** Generated text: a literal, or a reference resolved when the request is sent. */
export type Text = string | Ref;

/** The seeded world one property runs against, and what it has learnt from its answers. */
export interface FuzzWorld {
  readonly core: MemorySentinel;
  readonly fetch: (request: Request) => Promise<Response>;
  /** The current value of every reference. */
  readonly values: Record<RefName, string>;
  resolve(text: Text): string;
  /** Creates the user and the clients again when requests deleted them, so later ones reach some. */
  restock(): Promise<void>;
  close(): Promise<void>;
}

/** `Authorization` for the management API of a memory Sentinel. */
export const ADMIN_AUTHORIZATION = basic('admin', 'admin-password');

/**
 * A memory Sentinel with a public client, a confidential client (allowed client_credentials
 * too), the user `alice`, and a token pair from a real login through the app, so that some
 * generated requests are valid and succeed.
 */
export async function fuzzWorld(app: ConformanceApp): Promise<FuzzWorld> {
  const core = createMemorySentinel();
  const scopes = ['read', 'write', 'admin'];
  const publicClient = () => core.sentinel.clients.create({ type: 'public', scopes });
  const confidentialClient = () =>
    core.sentinel.clients.create({
      type: 'confidential',
      scopes,
      grants: ['password', 'refresh_token', 'client_credentials'],
    });
  const pub = await publicClient();
  const conf = await confidentialClient();
  const alice = await core.sentinel.users.create({ username: 'alice', password: PASSWORD });
  const built = app(core.sentinel);
  const values: Record<RefName, string> = {
    publicClient: pub.client.clientId,
    confidentialClient: conf.client.clientId,
    clientSecret: conf.secret ?? '',
    username: 'alice',
    password: PASSWORD,
    userId: alice.id,
    accessToken: '',
    refreshToken: '',
  };
  const login = await exchange(
    built.fetch,
    new Request(`${BASE}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: values.publicClient,
        username: values.username,
        password: values.password,
      }),
    }),
  );
  const tokens = JSON.parse(login.text) as Record<string, unknown>;
  if (typeof tokens.access_token !== 'string' || typeof tokens.refresh_token !== 'string') {
    throw new Error(`The fuzz world's first login failed: ${login.status} ${login.text}`);
  }
  values.accessToken = tokens.access_token;
  values.refreshToken = tokens.refresh_token;
  return {
    core,
    fetch: built.fetch,
    values,
    resolve: (text) => (typeof text === 'string' ? text : values[text.ref]),
    async restock() {
      if ((await core.users.findById(values.userId)) === null) {
        const user =
          (await core.users.findByUsername('alice')) ??
          (await core.sentinel.users.create({ username: 'alice', password: PASSWORD }));
        values.userId = user.id;
      }
      if ((await core.clients.find(values.publicClient)) === null) {
        values.publicClient = (await publicClient()).client.clientId;
      }
      if ((await core.clients.find(values.confidentialClient)) === null) {
        const { client, secret } = await confidentialClient();
        values.confidentialClient = client.clientId;
        values.clientSecret = secret ?? '';
      }
    },
    close: async () => {
      await built.close?.();
      await core.sentinel.close();
    },
  };
}
