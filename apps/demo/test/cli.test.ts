import { describeWithServers } from '@sentinel/core/testing';
import { freePort } from '@sentinel/test-support';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runCli } from './support/cli-process.js';
import { type DemoProcess, startDemo } from './support/demo-process.js';
import { httpsRequest, postForm } from './support/https-client.js';
import { hasScript, runInTerminal } from './support/terminal.js';

const COMMANDS = [
  'users add',
  'users list',
  'users remove',
  'users passwd',
  'users disable',
  'users enable',
  'clients add',
  'clients list',
  'clients remove',
  'clients rotate-secret',
  'tokens revoke',
  'purge-expired',
];

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const CLIENT_ID = /^[A-Za-z0-9]{40}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The one JSON document a `--json` invocation prints. */
function json(result: CliResult): unknown {
  return JSON.parse(result.stdout);
}

describe('the sentinel command without a database', () => {
  it('prints help for itself, every group and every command, and exits 0', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const name of COMMANDS) expect(top.stdout).toContain(`  ${name} `);
    expect(top.stdout).toMatch(/Exit codes:[\s\S]*3 {4}a server/);

    const groups = ['users', 'clients', 'tokens'];
    const groupHelps = await Promise.all(groups.map((group) => runCli([group, '--help'])));
    groups.forEach((group, i) => {
      expect(groupHelps[i]?.code).toBe(0);
      expect(groupHelps[i]?.stdout).toContain(`Usage: sentinel ${group} COMMAND`);
    });
    const helps = await Promise.all(COMMANDS.map((name) => runCli([...name.split(' '), '--help'])));
    COMMANDS.forEach((name, i) => {
      expect(helps[i]?.code, name).toBe(0);
      expect(helps[i]?.stdout, name).toContain(`Usage: sentinel ${name} `);
      expect(helps[i]?.stderr, name).toBe('');
    });
    const viaHelp = await runCli(['help', 'users', 'add']);
    expect(viaHelp.stdout).toContain('Usage: sentinel users add NAME');
  });

  it('exits 2 for an unknown command, with JSON when asked', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error: unknown command "frobnicate"');
    expect(unknown.stdout).toBe('');

    const sub = await runCli(['users', 'frob', '--json']);
    expect(sub.code).toBe(2);
    expect(json(sub)).toEqual({
      error: 'usage_error',
      error_description: 'unknown command "users frob"',
    });

    const [none, group, option, argument] = await Promise.all([
      runCli([]),
      runCli(['users']),
      runCli(['users', 'list', '--bogus']),
      runCli(['users', 'add']),
    ]);
    expect([none.code, group.code, option.code, argument.code]).toEqual([2, 2, 2, 2]);
    expect(group.stderr).toContain("Run 'sentinel users --help' for usage.");
    expect(option.stderr).toContain("Unknown option '--bogus'");
    expect(argument.stderr).toContain('missing argument NAME');
  });

  it('refuses --password on the command line with exit 2, saying why', async () => {
    for (const args of [
      ['users', 'add', 'alice', '--password', 'secret-pw'],
      ['users', 'passwd', 'alice', '--password=secret-pw'],
    ]) {
      const result = await runCli(args, { env: { SENTINEL_MONGO_URI: 'mongodb://127.0.0.1:1' } });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('never taken from the command line');
    }
  });

  it('exits 2 when SENTINEL_MONGO_URI is not set', async () => {
    const result = await runCli(['users', 'list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SENTINEL_MONGO_URI is not set');
    const asJson = await runCli(['users', 'list', '--json']);
    expect(asJson.code).toBe(2);
    expect(json(asJson)).toMatchObject({ error: 'usage_error' });
  });

  it('exits 3 within a few seconds when MongoDB cannot be reached', async () => {
    const uri = `mongodb://127.0.0.1:${await freePort()}/`;
    const result = await runCli(['users', 'list'], { env: { SENTINEL_MONGO_URI: uri } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('error: A server could not be reached');
    expect(result.ms).toBeLessThan(6000);
    const asJson = await runCli(['clients', 'list', '--json'], {
      env: { SENTINEL_MONGO_URI: uri },
    });
    expect(asJson.code).toBe(3);
    expect(json(asJson)).toMatchObject({ error: 'temporarily_unavailable' });
  });
});

describeWithServers('the sentinel command on MongoDB', ['MONGO_URL'], ({ MONGO_URL }) => {
  const dbName = `cli_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const env = {
    SENTINEL_MONGO_URI: MONGO_URL,
    SENTINEL_MONGO_DBNAME: dbName,
    SENTINEL_BCRYPT_COST: '4',
  };
  const cli = (args: readonly string[], input?: string) =>
    runCli(args, input === undefined ? { env } : { env, input });

  afterAll(async () => {
    const client = new MongoClient(MONGO_URL, { serverSelectionTimeoutMS: 2000 });
    try {
      await client.db(dbName).dropDatabase();
    } finally {
      await client.close();
    }
  });

  describe('users', () => {
    it('adds a user with the password from stdin, in human and JSON form', async () => {
      const human = await cli(['users', 'add', 'alice'], 'alice-password\n');
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/^Created user alice \(id [0-9a-f]{24}\)\.\n$/);

      const asJson = await cli(['users', 'add', 'bob', '--json'], 'bob-password');
      expect(asJson.code).toBe(0);
      expect(json(asJson)).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        username: 'bob',
        created_at: expect.stringMatching(ISO_DATE),
        disabled: false,
      });
    });

    it('refuses a taken username, a short password and an empty stdin', async () => {
      const taken = await cli(['users', 'add', 'alice'], 'another-password\n');
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain('error: A user with this username already exists.');
      const takenJson = await cli(['users', 'add', 'alice', '--json'], 'another-password\n');
      expect(takenJson.code).toBe(1);
      expect(json(takenJson)).toEqual({
        error: 'conflict',
        error_description: 'A user with this username already exists.',
      });

      const short = await cli(['users', 'add', 'carol'], 'short\n');
      expect(short.code).toBe(1);
      expect(short.stderr).toContain('at least 8 characters');

      const empty = await cli(['users', 'add', 'carol']);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain('no password on standard input');
    });

    it('lists users as a table and as JSON', async () => {
      const human = await cli(['users', 'list']);
      expect(human.code).toBe(0);
      const lines = human.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^USERNAME +STATUS +CREATED +ID$/);
      expect(lines[1]).toMatch(/^alice +enabled +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ +[0-9a-f]{24}$/);
      expect(lines[2]).toMatch(/^bob +enabled /);
      expect(lines).toHaveLength(3);
      // Aligned: every row's STATUS column starts where the header's does.
      const column = lines[0]?.indexOf('STATUS');
      for (const line of lines.slice(1)) expect(line.indexOf('enabled')).toBe(column);

      const asJson = await cli(['users', 'list', '--json']);
      const users = json(asJson) as { username: string }[];
      expect(users.map((u) => u.username)).toEqual(['alice', 'bob']);
      expect(JSON.stringify(users)).not.toContain('$2');
    });

    it('disables and enables a user', async () => {
      const disabled = await cli(['users', 'disable', 'bob']);
      expect(disabled.code).toBe(0);
      expect(disabled.stdout).toBe('Disabled user bob; its tokens are revoked.\n');
      expect((await cli(['users', 'list'])).stdout).toMatch(/bob +disabled/);

      const enabled = await cli(['users', 'enable', 'bob', '--json']);
      expect(enabled.code).toBe(0);
      expect(json(enabled)).toMatchObject({ username: 'bob', disabled: false });
      const again = await cli(['users', 'disable', 'bob', '--json']);
      expect(json(again)).toMatchObject({ username: 'bob', disabled: true });
      expect((await cli(['users', 'enable', 'bob'])).stdout).toBe('Enabled user bob.\n');
    });

    it('changes a password from stdin', async () => {
      const human = await cli(['users', 'passwd', 'bob'], 'bob-password-2\n');
      expect(human.code).toBe(0);
      expect(human.stdout).toBe('Changed the password of bob; its tokens are revoked.\n');
      const asJson = await cli(['users', 'passwd', 'bob', '--json'], 'bob-password-3\n');
      expect(json(asJson)).toMatchObject({ username: 'bob' });
      const short = await cli(['users', 'passwd', 'bob', '--json'], 'short\n');
      expect(short.code).toBe(1);
      expect(json(short)).toMatchObject({ error: 'invalid_request' });
    });

    it('answers 1 not_found for an unknown username in every command that takes one', async () => {
      const commands = [
        ['users', 'remove', 'nobody'],
        ['users', 'passwd', 'nobody'],
        ['users', 'disable', 'nobody'],
        ['users', 'enable', 'nobody'],
        ['tokens', 'revoke', '--user', 'nobody'],
      ];
      const results = await Promise.all(
        commands.map(async (args) => ({
          args,
          human: await cli(args, 'some-password\n'),
          asJson: await cli([...args, '--json'], 'some-password\n'),
        })),
      );
      for (const { args, human, asJson } of results) {
        expect(human.code, args.join(' ')).toBe(1);
        expect(human.stderr).toContain('error: No user has this username.');
        expect(asJson.code).toBe(1);
        expect(json(asJson)).toEqual({
          error: 'not_found',
          error_description: 'No user has this username.',
        });
      }
    });

    it('removes a user', async () => {
      await cli(['users', 'add', 'temp-1'], 'temp-password\n');
      await cli(['users', 'add', 'temp-2'], 'temp-password\n');
      const human = await cli(['users', 'remove', 'temp-1']);
      expect(human.code).toBe(0);
      expect(human.stdout).toBe('Removed user temp-1; its tokens are revoked.\n');
      const asJson = await cli(['users', 'remove', 'temp-2', '--json']);
      expect(json(asJson)).toMatchObject({ username: 'temp-2' });
      const names = (json(await cli(['users', 'list', '--json'])) as { username: string }[]).map(
        (u) => u.username,
      );
      expect(names).toEqual(['alice', 'bob']);
    });
  });

  describe('clients', () => {
    let confidential = '';
    let publicId = '';

    it('adds a public client, printing no secret', async () => {
      const human = await cli(['clients', 'add', '--type', 'public', '--name', 'Phone app']);
      expect(human.code).toBe(0);
      const lines = human.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('Created public client Phone app.');
      expect(lines[1]).toMatch(/^client_id: +[A-Za-z0-9]{40}$/);
      expect(lines).toHaveLength(2);
      publicId = lines[1]?.split(/ +/)[1] ?? '';
    });

    it('adds a confidential client with grants and scopes, printing its secret once', async () => {
      const asJson = await cli([
        'clients',
        'add',
        '--type',
        'confidential',
        '--grant',
        'password',
        '--grant',
        'client_credentials',
        '--scope',
        'read',
        '--scope',
        'write admin',
        '--json',
      ]);
      expect(asJson.code).toBe(0);
      const client = json(asJson) as { client_id: string };
      expect(client).toEqual({
        client_id: expect.stringMatching(CLIENT_ID),
        name: client.client_id,
        type: 'confidential',
        grants: ['password', 'client_credentials'],
        scopes: ['read', 'write', 'admin'],
        created_at: expect.stringMatching(ISO_DATE),
        client_secret: expect.stringMatching(SECRET),
      });
      confidential = client.client_id;

      const human = await cli(['clients', 'add', '--type', 'confidential']);
      expect(human.stdout).toMatch(/^client_secret: [A-Za-z0-9_-]{43}$/m);
      expect(human.stdout).toContain('shown only this once');
    });

    it('refuses a bad scope, a public client_credentials client and a long name with 1', async () => {
      const scope = await cli(['clients', 'add', '--type', 'public', '--scope', 'bad"scope']);
      expect(scope.code).toBe(1);
      expect(scope.stderr).toContain('error: Each scope must be a valid RFC 6749 scope token.');
      const scopeJson = await cli([
        'clients',
        'add',
        '--type',
        'public',
        '--scope',
        'a\\b',
        '--json',
      ]);
      expect(json(scopeJson)).toMatchObject({ error: 'invalid_request' });

      const grant = await cli([
        'clients',
        'add',
        '--type',
        'public',
        '--grant',
        'client_credentials',
      ]);
      expect(grant.code).toBe(1);
      const name = await cli(['clients', 'add', '--type', 'public', '--name', 'x'.repeat(201)]);
      expect(name.code).toBe(1);
    });

    it('refuses a missing or unknown --type and an unknown --grant with 2', async () => {
      const missing = await cli(['clients', 'add']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('missing option --type');
      expect((await cli(['clients', 'add', '--type', 'secret'])).code).toBe(2);
      const grant = await cli(['clients', 'add', '--type', 'public', '--grant', 'implicit']);
      expect(grant.code).toBe(2);
      expect(grant.stderr).toContain('--grant must be one of');
    });

    it('lists clients as a table and as JSON, never with a secret', async () => {
      const human = await cli(['clients', 'list']);
      expect(human.code).toBe(0);
      const lines = human.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^CLIENT_ID +TYPE +GRANTS +SCOPES +CREATED +NAME$/);
      expect(human.stdout).toMatch(
        new RegExp(`^${publicId} +public +password,refresh_token +- +\\S+ +Phone app$`, 'm'),
      );
      expect(human.stdout).toMatch(
        new RegExp(
          `^${confidential} +confidential +password,client_credentials +read write admin `,
          'm',
        ),
      );

      const clients = json(await cli(['clients', 'list', '--json'])) as Record<string, unknown>[];
      expect(clients.length).toBeGreaterThanOrEqual(3);
      for (const client of clients) expect(client).not.toHaveProperty('client_secret');
      expect(clients.find((c) => c.client_id === publicId)).toMatchObject({ name: 'Phone app' });
    });

    it('rotates a confidential secret, and refuses a public one', async () => {
      const human = await cli(['clients', 'rotate-secret', confidential]);
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/^client_secret: [A-Za-z0-9_-]{43}$/m);
      const asJson = await cli(['clients', 'rotate-secret', confidential, '--json']);
      expect(json(asJson)).toMatchObject({
        client_id: confidential,
        client_secret: expect.stringMatching(SECRET),
      });
      const refused = await cli(['clients', 'rotate-secret', publicId, '--json']);
      expect(refused.code).toBe(1);
      expect(json(refused)).toEqual({
        error: 'invalid_request',
        error_description: 'A public client has no secret to rotate.',
      });
    });

    it('removes clients, and answers 1 not_found for an unknown one', async () => {
      const human = await cli(['clients', 'remove', publicId]);
      expect(human.code).toBe(0);
      expect(human.stdout).toBe(`Removed client ${publicId}; its tokens are revoked.\n`);
      const asJson = await cli(['clients', 'remove', confidential, '--json']);
      expect(json(asJson)).toMatchObject({ client_id: confidential, type: 'confidential' });
      expect(json(asJson)).not.toHaveProperty('client_secret');

      for (const command of ['remove', 'rotate-secret']) {
        const unknown = await cli(['clients', command, publicId, '--json']);
        expect(unknown.code).toBe(1);
        expect(json(unknown)).toEqual({
          error: 'not_found',
          error_description: 'No client has this client_id.',
        });
      }
    });
  });

  describe('with the demo on the same database', () => {
    let demo: DemoProcess;
    let clientId = '';
    let secret = '';

    const login = (username: string, password: string, clientSecret = secret) =>
      postForm(
        `${demo.base}/oauth/token`,
        { grant_type: 'password', username, password },
        { username: clientId, password: clientSecret },
      );
    const protectedRoute = (accessToken: string) =>
      httpsRequest(`${demo.base}/endpoint`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      });

    beforeAll(async () => {
      expect((await cli(['users', 'add', 'dana'], 'dana-password\n')).code).toBe(0);
      const made = json(
        await cli(['clients', 'add', '--type', 'confidential', '--scope', 'read', '--json']),
      ) as { client_id: string; client_secret: string };
      clientId = made.client_id;
      secret = made.client_secret;
      demo = await startDemo({
        SENTINEL_MONGO_URI: MONGO_URL,
        SENTINEL_MONGO_DBNAME: dbName,
        SENTINEL_BCRYPT_COST: '4',
        SENTINEL_MANAGEMENT_USERNAME: 'admin',
        SENTINEL_MANAGEMENT_PASSWORD: 'admin-password',
      });
    });
    afterAll(async () => {
      await demo?.stop();
    });

    it('lets a user and a client made by the CLI log in, and revokes their tokens', async () => {
      const answer = await login('dana', 'dana-password');
      expect(answer.status).toBe(200);
      const tokens = JSON.parse(answer.body) as { access_token: string; scope: string };
      expect(tokens.scope).toBe('read');
      expect((await protectedRoute(tokens.access_token)).status).toBe(200);

      const revoked = await cli(['tokens', 'revoke', '--user', 'dana']);
      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toBe('Revoked 2 tokens of dana.\n');
      expect((await protectedRoute(tokens.access_token)).status).toBe(401);

      await login('dana', 'dana-password');
      const asJson = await cli(['tokens', 'revoke', '--user', 'dana', '--json']);
      expect(json(asJson)).toEqual({ username: 'dana', revoked: 2 });
    });

    it('takes effect on logins: rotate-secret, disable, enable, passwd and remove', async () => {
      const rotated = json(await cli(['clients', 'rotate-secret', clientId, '--json'])) as {
        client_secret: string;
      };
      expect((await login('dana', 'dana-password')).status).toBe(401);
      secret = rotated.client_secret;
      expect((await login('dana', 'dana-password')).status).toBe(200);

      await cli(['users', 'disable', 'dana']);
      expect((await login('dana', 'dana-password')).status).toBe(400);
      await cli(['users', 'enable', 'dana']);
      expect((await login('dana', 'dana-password')).status).toBe(200);

      await cli(['users', 'passwd', 'dana'], 'dana-new-password\n');
      expect((await login('dana', 'dana-password')).status).toBe(400);
      expect((await login('dana', 'dana-new-password')).status).toBe(200);

      await cli(['users', 'remove', 'dana']);
      expect((await login('dana', 'dana-new-password')).status).toBe(400);
    });

    it('purges expired tokens', async () => {
      await cli(['users', 'add', 'erin'], 'erin-password\n');
      const shortLived = await startDemo({
        SENTINEL_MONGO_URI: MONGO_URL,
        SENTINEL_MONGO_DBNAME: dbName,
        SENTINEL_TOKEN_EXPIRES_IN: '1',
        SENTINEL_REFRESH_TOKEN_EXPIRES_IN: '1',
      });
      try {
        const answer = await postForm(
          `${shortLived.base}/oauth/token`,
          { grant_type: 'password', username: 'erin', password: 'erin-password' },
          { username: clientId, password: secret },
        );
        expect(answer.status).toBe(200);
      } finally {
        await shortLived.stop();
      }
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const purged = await cli(['purge-expired', '--json']);
      expect(purged.code).toBe(0);
      expect(json(purged)).toEqual({ purged: 2 });
      const again = await cli(['purge-expired']);
      expect(again.stdout).toBe('Purged 0 expired tokens.\n');
    });

    describe.skipIf(!hasScript())('at a terminal (util-linux script)', () => {
      it('asks for the password twice without echo, and the user can log in', async () => {
        const session = await runInTerminal(['users', 'add', 'frank'], env, [
          // A typo erased with Backspace.
          { after: 'Password: ', keys: 'frank-passwordX\u007f\r' },
          { after: 'Repeat password: ', keys: 'frank-password\r' },
        ]);
        expect(session.code, session.screen).toBe(0);
        expect(session.screen).toContain('Created user frank');
        expect(session.screen).not.toContain('frank-pass');
        expect((await login('frank', 'frank-password')).status).toBe(200);
      });

      it('refuses two different answers with 1', async () => {
        const session = await runInTerminal(['users', 'passwd', 'frank'], env, [
          { after: 'Password: ', keys: 'frank-password-2\r' },
          { after: 'Repeat password: ', keys: 'frank-password-3\r' },
        ]);
        expect(session.code).toBe(1);
        expect(session.screen).toContain('error: The passwords do not match.');
        expect((await login('frank', 'frank-password')).status).toBe(200);
      });

      it('exits 130 on Ctrl-C at the prompt, changing nothing', async () => {
        const session = await runInTerminal(['users', 'passwd', 'frank'], env, [
          { after: 'Password: ', keys: 'half\u0003' },
        ]);
        expect(session.code).toBe(130);
        expect((await login('frank', 'frank-password')).status).toBe(200);
      });
    });
  });
});

describeWithServers(
  'the sentinel command on MongoDB with the Redis cache',
  ['MONGO_URL', 'REDIS_URL'],
  ({ MONGO_URL, REDIS_URL }) => {
    const dbName = `cli_redis_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const storeEnv = {
      SENTINEL_MONGO_URI: MONGO_URL,
      SENTINEL_MONGO_DBNAME: dbName,
      SENTINEL_BCRYPT_COST: '4',
    };
    const withRedis = { ...storeEnv, SENTINEL_REDIS_URL: REDIS_URL };
    let demo: DemoProcess;
    let clientId = '';

    beforeAll(async () => {
      await runCli(['users', 'add', 'gina'], { env: withRedis, input: 'gina-password\n' });
      clientId = (
        json(
          await runCli(['clients', 'add', '--type', 'public', '--json'], { env: withRedis }),
        ) as {
          client_id: string;
        }
      ).client_id;
      demo = await startDemo(withRedis);
    });
    afterAll(async () => {
      await demo?.stop();
      const client = new MongoClient(MONGO_URL, { serverSelectionTimeoutMS: 2000 });
      try {
        await client.db(dbName).dropDatabase();
      } finally {
        await client.close();
      }
    });

    /** Logs gina in and uses the access token once, so that the demo has it in its cache. */
    async function cachedToken(): Promise<string> {
      const answer = await postForm(`${demo.base}/oauth/token`, {
        grant_type: 'password',
        client_id: clientId,
        username: 'gina',
        password: 'gina-password',
      });
      const token = (JSON.parse(answer.body) as { access_token: string }).access_token;
      expect((await use(token)).status).toBe(200);
      return token;
    }
    const use = (token: string) =>
      httpsRequest(`${demo.base}/endpoint`, { headers: { Authorization: `Bearer ${token}` } });

    it('tombstones revoked tokens in the cache, so the server refuses them at once', async () => {
      const token = await cachedToken();
      const revoked = await runCli(['tokens', 'revoke', '--user', 'gina', '--json'], {
        env: withRedis,
      });
      expect(json(revoked)).toEqual({ username: 'gina', revoked: 2 });
      expect((await use(token)).status).toBe(401);
    });

    it('without SENTINEL_REDIS_URL, retires the server’s cache entries: refused within the generation interval', async () => {
      const token = await cachedToken();
      const revoked = await runCli(['tokens', 'revoke', '--user', 'gina'], { env: storeEnv });
      expect(revoked.stdout).toBe('Revoked 2 tokens of gina.\n');
      // The CLI has no cache, so it bumps the store's cache generation; the demo re-reads it at
      // least every cacheGenerationRefreshMs (1 s) and then ignores the old entry.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect((await use(token)).status).toBe(401);
    });
  },
);
