import { z } from 'zod';

/** A path segment list such as `/oauth` or `/token`: leading slash, no trailing slash. */
const path = z
  .string()
  .regex(/^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+$/, 'must start with "/" and not end with "/"');
/** A route that can be turned off with `false`, as in the seed. */
const toggledPath = z.union([path, z.literal(false)]);
const seconds = z.number().int().positive();

export const configSchema = z
  .object({
    /** Prefix of every Sentinel route (the seed's SENTINEL_ROUTE_PREFIX). `''` mounts at the root. */
    routePrefix: z.union([path, z.literal('')]).default('/oauth'),
    /** Token endpoint below the prefix, or false to disable it. */
    tokenUrl: toggledPath.default('/token'),
    /** Management page and API below the prefix, or false to disable them. */
    managementUrl: toggledPath.default('/management'),
    /** Token revocation (RFC 7009) below the prefix, or false to disable it. */
    revokeUrl: toggledPath.default('/revoke'),
    /** Token introspection (RFC 7662) below the prefix, or false to disable it. */
    introspectUrl: toggledPath.default('/introspect'),
    /** Serve `/.well-known/oauth-authorization-server` (RFC 8414). */
    metadata: z.boolean().default(true),
    /**
     * The issuer identifier (RFC 8414 §2): an https URL without query or fragment. By default the
     * origin of each metadata request, which suits a server reached under one name.
     */
    issuer: z
      .url({ protocol: /^https?$/ })
      .refine((u) => !u.includes('?') && !u.includes('#'), 'must have no query or fragment')
      .transform((u) => u.replace(/\/$/, ''))
      .optional(),
    /** `scopes_supported` in the metadata; by default every scope some client may request. */
    scopesSupported: z.array(z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/)).optional(),
    /** Access token lifetime in seconds (the seed's OAUTH2_PROVIDER_TOKEN_EXPIRES_IN). */
    accessTokenLifetime: seconds.default(3600),
    /** Refresh token lifetime in seconds; each rotation starts a new one. 14 days by default. */
    refreshTokenLifetime: seconds.default(14 * 24 * 3600),
    /** bcrypt cost for new password hashes; older, cheaper hashes are upgraded at login. */
    bcryptCost: z.number().int().min(4).max(31).default(12),
    /** The realm in `WWW-Authenticate: Bearer realm="…"` (RFC 6750 §3). */
    realm: z
      .string()
      .regex(/^[\x20\x21\x23-\x5B\x5D-\x7E]+$/, 'must be printable ASCII without quotes')
      .default('sentinel'),
    limiter: z
      .object({
        /** Failed logins allowed per (username, client IP) in one window. */
        userIpFailures: z.number().int().positive().default(5),
        /** Failed logins and client authentications allowed per client IP in one window. */
        ipFailures: z.number().int().positive().default(50),
        /** Window length in seconds; a blocked key is free again when its window ends. */
        windowSeconds: seconds.default(900),
      })
      .strict()
      .prefault({}),
    management: z
      .object({
        /** HTTP Basic credentials for the management API and page. */
        username: z.string().min(1).optional(),
        password: z.string().min(1).optional(),
        /** Serve the management API without credentials. Never do this on a network. */
        insecureOpen: z.boolean().default(false),
      })
      .strict()
      .refine((m) => (m.username === undefined) === (m.password === undefined), {
        message: 'set both username and password, or neither',
      })
      .prefault({}),
    /** How often, in milliseconds, a process re-reads the store's cache generation. */
    cacheGenerationRefreshMs: z.number().int().min(0).default(1000),
    /**
     * After a cache or limiter call fails, skip them for this many milliseconds (and use the
     * store alone) instead of letting every call wait out its own timeout.
     */
    breakerMs: z.number().int().min(0).default(1000),
  })
  .strict();

export type SentinelConfig = z.output<typeof configSchema>;
export type SentinelConfigInput = z.input<typeof configSchema>;

/** Thrown at startup for a configuration value that is wrong; the message names every bad key. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Invalid Sentinel configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(input: unknown = {}): SentinelConfig {
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

/** The environment variables `configFromEnv` reads, with the config key each one sets. */
export const ENV_KEYS = {
  SENTINEL_ROUTE_PREFIX: 'routePrefix',
  SENTINEL_TOKEN_URL: 'tokenUrl',
  SENTINEL_MANAGEMENT_URL: 'managementUrl',
  SENTINEL_REVOKE_URL: 'revokeUrl',
  SENTINEL_INTROSPECT_URL: 'introspectUrl',
  SENTINEL_METADATA: 'metadata',
  SENTINEL_ISSUER: 'issuer',
  // The seed's name comes first so that SENTINEL_TOKEN_EXPIRES_IN, read later, wins.
  OAUTH2_PROVIDER_TOKEN_EXPIRES_IN: 'accessTokenLifetime',
  SENTINEL_TOKEN_EXPIRES_IN: 'accessTokenLifetime',
  SENTINEL_REFRESH_TOKEN_EXPIRES_IN: 'refreshTokenLifetime',
  SENTINEL_BCRYPT_COST: 'bcryptCost',
  SENTINEL_REALM: 'realm',
  SENTINEL_LIMIT_USER_IP_FAILURES: 'limiter.userIpFailures',
  SENTINEL_LIMIT_IP_FAILURES: 'limiter.ipFailures',
  SENTINEL_LIMIT_WINDOW_SECONDS: 'limiter.windowSeconds',
  SENTINEL_MANAGEMENT_USERNAME: 'management.username',
  SENTINEL_MANAGEMENT_PASSWORD: 'management.password',
  SENTINEL_INSECURE_OPEN_MANAGEMENT: 'management.insecureOpen',
} as const;

const NUMERIC = new Set([
  'accessTokenLifetime',
  'refreshTokenLifetime',
  'bcryptCost',
  'limiter.userIpFailures',
  'limiter.ipFailures',
  'limiter.windowSeconds',
]);

/**
 * Builds the config input from `SENTINEL_*` environment variables (and the seed's
 * `OAUTH2_PROVIDER_TOKEN_EXPIRES_IN`, which `SENTINEL_TOKEN_EXPIRES_IN` overrides). Values are
 * converted, not validated: pass the result to `parseConfig`, which names the variable's key.
 */
export function configFromEnv(env: Record<string, string | undefined>): SentinelConfigInput {
  const out: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    setPath(out, key, convert(key, raw));
  }
  return out as SentinelConfigInput;
}

function convert(key: string, raw: string): unknown {
  if (NUMERIC.has(key)) return /^\d+$/.test(raw) ? Number(raw) : raw;
  if (key.endsWith('Url')) return /^false$/i.test(raw) ? false : raw;
  if (key === 'management.insecureOpen') return /^(1|true|yes)$/i.test(raw);
  if (key === 'metadata') return !/^(0|false|no|off)$/i.test(raw);
  return raw;
}

function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const [head, tail] = key.split('.') as [string, string | undefined];
  if (tail === undefined) {
    target[head] = value;
    return;
  }
  const inner = (target[head] ?? {}) as Record<string, unknown>;
  inner[tail] = value;
  target[head] = inner;
}
