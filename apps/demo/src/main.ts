import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { configFromEnv, createSentinel, parseConfig } from '@sentinel/core';
import { pino } from 'pino';
import { parseDemoEnv } from './env.js';
import { listen, requestListener } from './server.js';
import { openStores, storeSettings } from './stores.js';
import { tlsMaterial } from './tls.js';

/**
 * The demo: Sentinel on Hono (or Express, with SENTINEL_HTTP=express) over HTTPS, configured from
 * the environment. See the README's configuration table.
 */
async function main(): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  const env = parseDemoEnv(process.env);
  const configInput = configFromEnv(process.env);
  let generated: { username: string; password: string } | null = null;
  const management = configInput.management ?? {};
  if (management.username === undefined && !management.insecureOpen) {
    generated = { username: 'admin', password: randomBytes(18).toString('base64url') };
    configInput.management = { ...management, ...generated };
  }
  const config = parseConfig(configInput);

  const stores = await openStores(storeSettings(env), logger);
  // The application's own management page, when templates/management.html exists (as in the seed).
  const managementTemplate = await readManagementTemplate();
  const core = createSentinel({
    ...stores.ports,
    config,
    logger,
    ...(env.SENTINEL_HASH_THREAD_NICE === undefined
      ? {}
      : { hashThreadNice: env.SENTINEL_HASH_THREAD_NICE }),
    ...(managementTemplate === undefined ? {} : { managementTemplate }),
  });
  const tls = env.SENTINEL_TLS === 'on' ? await tlsMaterial(env) : null;
  const { server, address } = await listen(
    requestListener(env.SENTINEL_HTTP, core),
    tls,
    env.PORT,
    env.HOST,
  );
  const scheme = tls === null ? 'http' : 'https';
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const lines = [
    `Sentinel demo listening on ${scheme}://${host}:${address.port} (${env.SENTINEL_HTTP})`,
    `  token endpoint:  ${config.routePrefix}${config.tokenUrl || ' (off)'}`,
    `  management API:  ${config.routePrefix}${config.managementUrl || ' (off)'}/api`,
    `  management page: ${config.routePrefix}${config.managementUrl || ' (off)'}${managementTemplate === undefined ? '' : ` (${TEMPLATE_FILE})`}`,
    '  protected route: /endpoint',
    `  stores:          ${stores.description}`,
  ];
  if (tls?.selfSigned) lines.push('  TLS:             self-signed certificate (use curl -k)');
  if (generated !== null) {
    lines.push(
      'Management credentials (generated, shown once; set SENTINEL_MANAGEMENT_USERNAME and',
      'SENTINEL_MANAGEMENT_PASSWORD to choose your own):',
      `  username: ${generated.username}`,
      `  password: ${generated.password}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const started = Date.now();
    server.close(() => {
      logger.info({ ms: Date.now() - started }, 'server closed');
      void Promise.allSettled([core.close(), stores.close()]).then(() => {
        logger.info({ ms: Date.now() - started }, 'stopped');
        process.exit(0);
      });
    });
    // Idle keep-alive connections would hold `close` open: end them now, and leave anyway soon.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Where the application's own management page template lives, relative to the working directory. */
const TEMPLATE_FILE = 'templates/management.html';

/** The template at `TEMPLATE_FILE`, or undefined when there is none. */
async function readManagementTemplate(): Promise<string | undefined> {
  try {
    return await readFile(join(process.cwd(), TEMPLATE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
