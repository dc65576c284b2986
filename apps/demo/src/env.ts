import { z } from 'zod';

/** The demo's own settings (Sentinel's are read by `configFromEnv` in the core). */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(5000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Which binding serves the demo: the same behaviour on both. */
  SENTINEL_HTTP: z.enum(['hono', 'express']).default('hono'),
  /** `off` serves plain HTTP, for use behind a TLS-terminating proxy. */
  SENTINEL_TLS: z.enum(['on', 'off']).default('on'),
  /** PEM files; when both are absent a self-signed certificate is generated at start. */
  SENTINEL_TLS_CERT: z.string().min(1).optional(),
  SENTINEL_TLS_KEY: z.string().min(1).optional(),
  /** MongoDB for users, clients and tokens (memory without it). */
  SENTINEL_MONGO_URI: z.string().min(1).optional(),
  SENTINEL_MONGO_DBNAME: z.string().min(1).optional(),
  /** Redis for the token cache and the attempt limiter. */
  SENTINEL_REDIS_URL: z.string().min(1).optional(),
  /** Nice value of the bcrypt threads (Linux), 0 to 19; Sentinel's default (19) without it. */
  SENTINEL_HASH_THREAD_NICE: z.coerce.number().int().min(0).max(19).optional(),
  /** Also write the seed's raw-token keys to Redis, for resource servers that read them. */
  SENTINEL_REDIS_LEGACY_KEYS: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
});

export type DemoEnv = z.output<typeof envSchema>;

export function parseDemoEnv(env: Record<string, string | undefined>): DemoEnv {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid demo environment:\n  ${lines.join('\n  ')}`);
  }
  const parsed = result.data;
  if ((parsed.SENTINEL_TLS_CERT === undefined) !== (parsed.SENTINEL_TLS_KEY === undefined)) {
    throw new Error(
      'Invalid demo environment: set both SENTINEL_TLS_CERT and SENTINEL_TLS_KEY, or neither',
    );
  }
  return parsed;
}
