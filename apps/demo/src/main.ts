import { randomBytes } from 'node:crypto';
import { createServer } from 'node:https';
import { serve } from '@hono/node-server';
import { configFromEnv, createSentinel, parseConfig } from '@sentinel/core';
import { pino } from 'pino';
import { demoApp } from './app.js';
import { parseDemoEnv } from './env.js';
import { openStores } from './stores.js';
import { tlsMaterial } from './tls.js';

/**
 * The demo: Sentinel on Hono over HTTPS, configured from the environment. See the README's
 * configuration table.
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

  const stores = await openStores(
    {
      mongoUri: env.SENTINEL_MONGO_URI,
      mongoDbName: env.SENTINEL_MONGO_DBNAME,
      redisUrl: env.SENTINEL_REDIS_URL,
      legacyRawTokenKeys: env.SENTINEL_REDIS_LEGACY_KEYS,
    },
    logger,
  );
  const core = createSentinel({ ...stores.ports, config, logger });
  const app = demoApp(core);

  const tls = env.SENTINEL_TLS === 'on' ? await tlsMaterial(env) : null;
  const server = serve(
    {
      fetch: app.fetch,
      port: env.PORT,
      hostname: env.HOST,
      ...(tls === null ? {} : { createServer, serverOptions: { key: tls.key, cert: tls.cert } }),
    },
    (info) => {
      const scheme = tls === null ? 'http' : 'https';
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      const lines = [
        `Sentinel demo listening on ${scheme}://${host}:${info.port}`,
        `  token endpoint:  ${config.routePrefix}${config.tokenUrl || ' (off)'}`,
        `  management API:  ${config.routePrefix}${config.managementUrl || ' (off)'}/api`,
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
    },
  );

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
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
