import {
  configFromEnv,
  createSentinel,
  InlineBcryptHasher,
  type Logger,
  parseConfig,
  type Sentinel,
  type SentinelConfig,
} from '@sentinel/core';
import { type DemoEnv, parseDemoEnv } from '../env.js';
import { UsageError } from './errors.js';

type Env = Record<string, string | undefined>;

interface Settings {
  readonly env: DemoEnv & { readonly SENTINEL_MONGO_URI: string };
  readonly config: SentinelConfig;
  readonly logLevel: string;
}

/**
 * The demo's settings, read the way the demo reads them, plus the CLI's one rule: a MongoDB URI is
 * required, since in-memory stores would vanish with the command. Every problem is a `UsageError`.
 */
function readSettings(source: Env): Settings {
  try {
    const env = parseDemoEnv(source);
    const mongoUri = env.SENTINEL_MONGO_URI;
    if (mongoUri === undefined) {
      throw new UsageError(
        'SENTINEL_MONGO_URI is not set: the sentinel command works on the MongoDB database the ' +
          'demo uses, so set it to that URI (for example mongodb://127.0.0.1:27017)',
      );
    }
    // The CLI serves no HTTP: turning the management routes off also spares the warning the core
    // gives when they have no credentials.
    const config = parseConfig({ ...configFromEnv(source), managementUrl: false });
    const logLevel = source.LOG_LEVEL || 'warn';
    return { env: { ...env, SENTINEL_MONGO_URI: mongoUri }, config, logLevel };
  } catch (error) {
    // A bad setting (`ConfigError`, or the demo's own check) is a usage error like a missing one.
    if (error instanceof UsageError || !(error instanceof Error)) throw error;
    throw new UsageError(error.message);
  }
}

/**
 * Opens the stores the environment names, builds Sentinel on them, runs `work`, and closes both
 * whatever happens. Hashing runs inline: a command hashes at most one password, so a worker pool
 * would only slow its start. The drivers and the logger are loaded only here, so that help and
 * usage errors answer at once.
 */
export async function withSentinel<T>(
  source: Env,
  work: (core: Sentinel) => Promise<T>,
): Promise<T> {
  const { env, config, logLevel } = readSettings(source);
  const [{ pino }, { openStores, storeSettings }] = await Promise.all([
    import('pino'),
    import('../stores.js'),
  ]);
  let logger: Logger;
  try {
    logger = pino({ level: logLevel }, pino.destination({ dest: 2, sync: true }));
  } catch (error) {
    throw new UsageError(`LOG_LEVEL: ${error instanceof Error ? error.message : String(error)}`);
  }
  const stores = await openStores(storeSettings(env), logger).catch((error: unknown) => {
    if (error instanceof Error && error.name === 'MongoParseError') {
      throw new UsageError(`SENTINEL_MONGO_URI is not a valid MongoDB URI: ${error.message}`);
    }
    throw error;
  });
  try {
    const core = createSentinel({
      ...stores.ports,
      config,
      logger,
      hasher: new InlineBcryptHasher(config.bcryptCost),
    });
    try {
      return await work(core);
    } finally {
      await core.close();
    }
  } finally {
    await stores.close();
  }
}
