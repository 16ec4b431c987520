import { z } from 'zod';

/** Every environment variable the service reads; deployment files may set only these. */
export const CONFIG_ENV_KEYS = [
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'DATABASE_URL',
  'DATA_DIR',
  'REDIS_URL',
  'BATCH_MAX',
  'BODY_LIMIT_BYTES',
  'DEMO_SEED',
  'CACHE_PRINCIPALS',
  'CACHE_RESOURCES',
  'CACHE_POLICIES',
  'CACHE_DECISIONS',
  'CACHE_KEY_PREFIX',
  'NODE_ENV',
  'REQUEST_TIMEOUT_MS',
  'GRAPHQL_INTROSPECTION',
  'GRAPHQL_MAX_DEPTH',
  'GRAPHQL_MAX_COST',
  'GRAPHQL_MAX_ALIASES',
  'GRAPHQL_MAX_TOKENS',
  'GRAPHQL_EXECUTOR',
  'DECISION_LOG',
  'AUTHZEN_DEFAULT_ORG',
  'AUTH_MODE',
  'ADMIN_API_KEY',
  'JWT_SECRET',
  'JWT_JWKS_URL',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
] as const;

/** One environment variable the service reads. */
export type ConfigEnvKey = (typeof CONFIG_ENV_KEYS)[number];

/** pino's levels, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * What executes GraphQL operations: graphql-jit (compiled per document; the default), or graphql-js
 * itself, a switch back should a query ever execute differently under graphql-jit.
 */
export const GRAPHQL_EXECUTORS = ['graphql-jit', 'graphql-js'] as const;
export type GraphqlExecutor = (typeof GRAPHQL_EXECUTORS)[number];

/** The validated, frozen configuration of one process. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Postgres connection string; absent means the embedded database under `dataDir`. */
  readonly databaseUrl?: string;
  /** Local data (the embedded database goes to `<dataDir>/pglite`); `memory://` keeps nothing. */
  readonly dataDir: string;
  /** Redis connection string; absent means in-process caches only. */
  readonly redisUrl?: string;
  /** Largest number of requests one batch call may carry. */
  readonly batchMax: number;
  /** Largest accepted HTTP request body, in bytes. */
  readonly bodyLimitBytes: number;
  /** Seed the `demo` organization when the database holds no organization at all. */
  readonly demoSeed: boolean;
  /** Principal snapshots (with their compiled policies) kept in process, per replica. */
  readonly cachePrincipals: number;
  /** Resource snapshots (with their compiled policies) kept in process, per replica. */
  readonly cacheResources: number;
  /** Distinct compiled policy documents kept in process, per replica. */
  readonly cachePolicies: number;
  /** Decisions remembered in process by request and version, per replica; 0 turns the memo off. */
  readonly cacheDecisions: number;
  /** Put in front of every Redis key and channel, so that deployments sharing a Redis stay apart. */
  readonly cacheKeyPrefix: string;
  /** `production` turns introspection (and with it the IDE) off unless GRAPHQL_INTROSPECTION says otherwise. */
  readonly nodeEnv: string;
  /** A GraphQL or AuthZEN request still unanswered after this long gets TIMEOUT (503). */
  readonly requestTimeoutMs: number;
  /** Schema introspection and the IDE at GET /graphql; default: on unless NODE_ENV is `production`. */
  readonly graphqlIntrospection: boolean;
  /** Guard rails (graphql-armor): deepest selection, largest cost, most aliases, most tokens per document. */
  readonly graphqlMaxDepth: number;
  readonly graphqlMaxCost: number;
  readonly graphqlMaxAliases: number;
  readonly graphqlMaxTokens: number;
  /** GRAPHQL_EXECUTORS: graphql-jit unless set to graphql-js. */
  readonly graphqlExecutor: GraphqlExecutor;
  /** Where one JSON record per decision goes: `off`, `stdout`, or a file path (appended). */
  readonly decisionLog: string;
  /** The organization AuthZEN requests are decided in when they name none. */
  readonly authzenDefaultOrg?: string;
  /** `on` (default): every API call needs an API key or a JWT; `off` only for local use (everyone is an admin). */
  readonly authMode: 'on' | 'off';
  /** The start-up admin key (at least 32 characters): every role on every organization; it creates API keys. */
  readonly adminApiKey?: string;
  /** JWT verification: an HS256 secret (at least 32 characters) or a JWKS URL, optionally pinned issuer and audience. */
  readonly jwtSecret?: string;
  readonly jwtJwksUrl?: string;
  readonly jwtIssuer?: string;
  readonly jwtAudience?: string;
}

/** Thrown by `loadConfig` with every invalid variable listed at once. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

const urlWithScheme = (schemes: readonly string[]) =>
  z.string().refine((v) => {
    try {
      return schemes.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `expected a URL with scheme ${schemes.map((s) => `${s}//`).join(' or ')}`);

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Config field → its environment variable; the zod schema below is keyed by field. */
const ENV_OF = {
  port: 'PORT',
  host: 'HOST',
  logLevel: 'LOG_LEVEL',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'DATA_DIR',
  redisUrl: 'REDIS_URL',
  batchMax: 'BATCH_MAX',
  bodyLimitBytes: 'BODY_LIMIT_BYTES',
  demoSeed: 'DEMO_SEED',
  cachePrincipals: 'CACHE_PRINCIPALS',
  cacheResources: 'CACHE_RESOURCES',
  cachePolicies: 'CACHE_POLICIES',
  cacheDecisions: 'CACHE_DECISIONS',
  cacheKeyPrefix: 'CACHE_KEY_PREFIX',
  nodeEnv: 'NODE_ENV',
  requestTimeoutMs: 'REQUEST_TIMEOUT_MS',
  graphqlIntrospection: 'GRAPHQL_INTROSPECTION',
  graphqlMaxDepth: 'GRAPHQL_MAX_DEPTH',
  graphqlMaxCost: 'GRAPHQL_MAX_COST',
  graphqlMaxAliases: 'GRAPHQL_MAX_ALIASES',
  graphqlMaxTokens: 'GRAPHQL_MAX_TOKENS',
  graphqlExecutor: 'GRAPHQL_EXECUTOR',
  decisionLog: 'DECISION_LOG',
  authzenDefaultOrg: 'AUTHZEN_DEFAULT_ORG',
  authMode: 'AUTH_MODE',
  adminApiKey: 'ADMIN_API_KEY',
  jwtSecret: 'JWT_SECRET',
  jwtJwksUrl: 'JWT_JWKS_URL',
  jwtIssuer: 'JWT_ISSUER',
  jwtAudience: 'JWT_AUDIENCE',
} as const satisfies Record<keyof Config, ConfigEnvKey>;

const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

const configSchema = z.object({
  port: int(0, 65_535).default(4000),
  host: z.string().min(1).default('0.0.0.0'),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  databaseUrl: urlWithScheme(['postgres:', 'postgresql:']).optional(),
  dataDir: z.string().min(1).default('./data'),
  redisUrl: urlWithScheme(['redis:', 'rediss:']).optional(),
  batchMax: int(1, 100_000).default(1000),
  bodyLimitBytes: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  demoSeed: bool.default(true),
  cachePrincipals: int(1, 10_000_000).default(10_000),
  cacheResources: int(1, 10_000_000).default(10_000),
  cachePolicies: int(1, 10_000_000).default(50_000),
  cacheDecisions: int(0, 10_000_000).default(50_000),
  cacheKeyPrefix: z.string().max(200).regex(/^[\w:.-]+$/, 'expected letters, digits, "_", ":", "." or "-"').default('iam:'),
  nodeEnv: z.string().min(1).default('development'),
  requestTimeoutMs: int(100, 10 * 60_000).default(10_000),
  // Resolved after parsing: its default depends on NODE_ENV.
  graphqlIntrospection: bool.optional(),
  graphqlMaxDepth: int(1, 1000).default(12),
  graphqlMaxCost: int(1, 10_000_000).default(50_000),
  graphqlMaxAliases: int(0, 10_000).default(15),
  graphqlMaxTokens: int(10, 1_000_000).default(5000),
  graphqlExecutor: z.enum(GRAPHQL_EXECUTORS).default('graphql-jit'),
  decisionLog: z.string().min(1).default('off'),
  authzenDefaultOrg: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'expected an organization id (a lower-case slug, e.g. "acme")').optional(),
  authMode: z.enum(['on', 'off']).default('on'),
  adminApiKey: z.string().min(32, 'expected at least 32 characters').optional(),
  jwtSecret: z.string().min(32, 'expected at least 32 characters').optional(),
  jwtJwksUrl: urlWithScheme(['https:', 'http:']).optional(),
  jwtIssuer: z.string().min(1).optional(),
  jwtAudience: z.string().min(1).optional(),
}).refine((c) => c.authMode === 'off' || c.adminApiKey !== undefined || c.jwtSecret !== undefined || c.jwtJwksUrl !== undefined, {
  path: ['authMode'],
  message: 'AUTH_MODE=on needs a way in: ADMIN_API_KEY, JWT_SECRET or JWT_JWKS_URL (or AUTH_MODE=off, for local use only)',
});

/** Blank variables count as unset, so `FOO=` in a compose file means "use the default". */
const fromEnv = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/**
 * Resolves the configuration once, in the order explicit > env > default, and freezes it.
 * @throws ConfigError listing every invalid variable.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, explicit: Partial<Config> = {}): Config {
  const raw = Object.fromEntries(
    (Object.keys(ENV_OF) as (keyof Config)[]).map((field) => [field, explicit[field] ?? fromEnv(env[ENV_OF[field]])]),
  );
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const field = issue.path[0] as keyof Config;
        return `${ENV_OF[field] ?? String(field)}: ${issue.message} (got ${JSON.stringify(raw[field])})`;
      }),
    );
  }
  const { databaseUrl, redisUrl, authzenDefaultOrg, graphqlIntrospection, adminApiKey, jwtSecret, jwtJwksUrl, jwtIssuer, jwtAudience, ...rest } = parsed.data;
  const optional = { adminApiKey, jwtSecret, jwtJwksUrl, jwtIssuer, jwtAudience };
  return Object.freeze({
    ...rest,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    graphqlIntrospection: graphqlIntrospection ?? rest.nodeEnv !== 'production',
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(redisUrl === undefined ? {} : { redisUrl }),
    ...(authzenDefaultOrg === undefined ? {} : { authzenDefaultOrg }),
  });
}
