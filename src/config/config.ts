import bytes from 'bytes';
import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The one place that reads process.env. Everything else receives a typed, validated Config.
 */
/** Used when RECORD_KEY_SECRET is not set; fine for synthetic data, to be replaced for real data. */
export const DEVELOPMENT_RECORD_KEY_SECRET = 'reformgraph-development-record-key-secret';

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb):\/\//, 'DATABASE_URL must start with mysql:// or mariadb://')
    .optional(),
  /**
   * Read replicas of DATABASE_URL, comma separated: GraphQL reads go to one that has every
   * dataset at the version the primary has; writes (imports, migrations, keys) stay on the primary.
   */
  DATABASE_REPLICA_URLS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^(mysql|mariadb):\/\//,
            'DATABASE_REPLICA_URLS must be mysql:// or mariadb:// URLs',
          ),
      ),
    ),
  /** How often each process rereads the dataset versions of every replica (ms). */
  REPLICA_POLL_MS: z.coerce.number().int().min(50).default(500),
  SQLITE_PATH: z.string().min(1).default('data/reformgraph.sqlite'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10000).default(500),
  MAX_QUERY_COMPLEXITY: z.coerce.number().int().min(10).default(5000),
  /** Operations costing at least an aggregate's scan that run at once here; more wait their turn. */
  MAX_RUNNING_AGGREGATES: z.coerce.number().int().min(1).default(4),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  MAX_ALIASES: z.coerce.number().int().min(1).default(30),
  MAX_DIRECTIVES: z.coerce.number().int().min(1).default(10),
  MAX_TOKENS: z.coerce.number().int().min(100).default(5000),
  /** Longest query document accepted over HTTP (characters), checked before parsing. */
  MAX_DOCUMENT_CHARS: z.coerce.number().int().min(1000).default(20_000),
  /** A request's aggregates must finish within this time, else QUERY_TIMEOUT (ms). */
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Requests one caller (a token, or an address when anonymous) may have running at once. */
  MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).default(4),
  /** Worker threads running SQLite reads off the event loop (0: on the main thread). */
  SQLITE_READ_THREADS: z.coerce.number().int().min(0).max(16).default(2),
  /** Connections of the MySQL/MariaDB pool. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MAX_LIST_LENGTH: z.coerce.number().int().min(1).default(1000),
  MAX_STRING_LENGTH: z.coerce.number().int().min(100).default(20_000),
  MAX_AGGREGATE_CELLS: z.coerce.number().int().min(1).default(20000),
  DEMO_SCALE: z.coerce.number().positive().max(2).default(0.1),
  /** Largest request body accepted (bytes, or `1mb`, `512kb`). */
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)?$/i, 'BODY_LIMIT must be bytes or a size like 1mb or 512kb')
    .default('1mb'),
  /** Server timeouts, milliseconds: headers received, whole request, idle keep-alive. */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(20_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(5_000),
  /** Redis for the response cache shared by every process (and their invalidation on import). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
    .optional(),
  /** `off` turns the response cache off (it is on by default: in memory, or Redis with REDIS_URL). */
  RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
  // Default: jit, or graphql-js when OTEL_GRAPHQL_RESOLVER_SPANS asks for spans of graphql-js's
  // execution (its instrumentation patches graphql-js; a compiled document never calls it).
  GRAPHQL_EXECUTOR: z.enum(['graphql-js', 'jit']).optional(),
  /** Bound of the in-memory response cache, megabytes of JSON. */
  CACHE_MAX_MB: z.coerce.number().positive().default(64),
  /** Longest life of a cached answer; an import drops the answers it changes long before. */
  CACHE_TTL_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** How often each process rereads the dataset versions (ms; 0: only on Redis notices). */
  VERSION_POLL_MS: z.coerce.number().int().min(0).default(1000),
  /** Saved queries hr users may register: in all, per owner, and characters of their documents. */
  SAVED_QUERIES_MAX: z.coerce.number().int().min(0).default(500),
  SAVED_QUERIES_PER_OWNER: z.coerce.number().int().min(0).default(50),
  SAVED_QUERY_CHARS_MAX: z.coerce.number().int().min(0).default(2_000_000),
  SAVED_QUERY_CHARS_PER_OWNER: z.coerce.number().int().min(0).default(400_000),
  /** A scraper's bearer token for `/metrics` (at least 16 characters). */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  /**
   * Addresses that may read `/metrics` without METRICS_TOKEN: `loopback` (the default), `none`,
   * `any`, or IP addresses and CIDR blocks, comma separated (`10.0.0.0/8,::1`).
   */
  METRICS_ALLOW: z.string().default('loopback'),
  /** Serve `/metrics` on this port only (not on PORT), under the same rules. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SEED_DIR: z.string().min(1).default('data/seed'),
  /** The bundled browser pages (explorer, dashboard); `dist/web` under the project when unset. */
  WEB_DIR: z.string().min(1).optional(),
  RECORD_KEY_SECRET: z
    .string()
    .min(16, 'RECORD_KEY_SECRET must be at least 16 characters')
    .default(DEVELOPMENT_RECORD_KEY_SECRET),
  /**
   * Development shortcut: `token=role[:ENTITY|ENTITY...]` pairs, comma separated, e.g.
   * `s3cret=hr:DESA|OCHA,abc=analyst`. Refused when NODE_ENV=production.
   */
  API_TOKENS: z.string().default(''),
  NODE_ENV: z.string().optional(),
  /** Key set of the identity provider that issues bearer JWTs (or a local file of it). */
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  AUTH_ISSUER: z.string().min(1).default('reformgraph-dev'),
  AUTH_AUDIENCE: z.string().min(1).default('reformgraph'),
  /** Asymmetric algorithms only: a shared-secret (HS*) algorithm would allow key confusion. */
  AUTH_ALGORITHMS: z
    .string()
    .default('RS256,ES256')
    .transform((value) => value.split(',').map((a) => a.trim()))
    .pipe(
      z
        .array(
          z.enum([
            'RS256',
            'RS384',
            'RS512',
            'PS256',
            'PS384',
            'PS512',
            'ES256',
            'ES384',
            'ES512',
            'EdDSA',
          ]),
        )
        .min(1),
    ),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** Local signing key of `reformgraph token` (development; created when missing). */
  DEV_KEY_FILE: z.string().min(1).default('data/dev-jwt-key.json'),
});

export type DatabaseConfig = { type: 'sqlite'; path: string } | MysqlConfig;

export interface MysqlConfig {
  type: 'mysql';
  /** The primary: every write, and reads while no replica is fresh enough. */
  url: string;
  poolSize?: number;
  /** Read replicas (DATABASE_REPLICA_URLS), each with a pool of `poolSize`. */
  replicaUrls?: readonly string[];
  /** How often the replicas' dataset versions are reread (REPLICA_POLL_MS). */
  replicaPollMs?: number;
}

export interface Config {
  database: DatabaseConfig;
  port: number;
  host: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  maxPageSize: number;
  /** Limits on a GraphQL operation, enforced before it runs. */
  limits: QueryLimitsConfig;
  maxAggregateCells: number;
  /** How operations are executed: graphql-js, or compiled once per document by graphql-jit. */
  executor: NonNullable<z.infer<typeof envSchema>['GRAPHQL_EXECUTOR']>;
  queryTimeoutMs: number;
  maxConcurrentRequests: number;
  sqliteReadThreads: number;
  demoScale: number;
  http: HttpConfig;
  cache: CacheConfig;
  savedQueries: SavedQueryLimits;
  metrics: MetricsConfig;
  /** Where `seed` writes the generated CSV files (one folder per scale and seed). */
  seedDir: string;
  /** The bundled explorer and dashboard (`web/build.mjs`); null: `dist/web` under the project. */
  webDir: string | null;
  /** Keys the record keys of imported units (disclosure control); stable and private. */
  recordKeySecret: string;
  /** Development tokens (`API_TOKENS`); always empty in production. */
  apiTokens: string;
  auth: AuthConfig;
}

export interface HttpConfig {
  bodyLimit: string;
  /** The same, in bytes (as Express's body parser counts: 1kb is 1,024 bytes). */
  bodyLimitBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export interface QueryLimitsConfig {
  maxComplexity: number;
  /** Operations costing an aggregate's scan or more that execute at once in this process. */
  maxRunningAggregates: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxDocumentChars: number;
  maxListLength: number;
  maxStringLength: number;
  /** Whether rejections name the limit (not in production). */
  exposeLimits: boolean;
}

/** How much hr users may register: queries and characters of documents, per owner and in all. */
export interface SavedQueryLimits {
  total: number;
  perOwner: number;
  charsTotal: number;
  charsPerOwner: number;
}

/** Who may read `/metrics`, and where. */
export interface MetricsConfig {
  /** A bearer token that opens it from anywhere; null: none. */
  token: string | null;
  /** Addresses it is open to without the token: `any`, or a list of addresses and blocks. */
  allow: 'any' | readonly MetricsNetwork[];
  /** A port of its own (then it is not served on PORT); null: PORT. */
  port: number | null;
}

/** An address block: `10.0.0.0/8`, `::1/128` (a lone address is a block of its full length). */
export interface MetricsNetwork {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

const LOOPBACK: readonly MetricsNetwork[] = [
  { address: '127.0.0.0', prefix: 8, family: 'ipv4' },
  { address: '::1', prefix: 128, family: 'ipv6' },
];

/** METRICS_ALLOW read: `loopback`, `none`, `any`, or addresses and CIDR blocks. */
function metricsAllow(value: string): 'any' | readonly MetricsNetwork[] {
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 1 && parts[0] === 'any') return 'any';
  return parts.flatMap((part): readonly MetricsNetwork[] => {
    if (part === 'loopback') return LOOPBACK;
    if (part === 'none') return [];
    const [address, bits, ...rest] = part.split('/');
    const family = isIP(address) === 4 ? 'ipv4' : isIP(address) === 6 ? 'ipv6' : null;
    const full = family === 'ipv4' ? 32 : 128;
    const prefix = bits === undefined ? full : Number(bits);
    if (!family || rest.length > 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > full)
      throw new ConfigError(
        `METRICS_ALLOW: ${JSON.stringify(part)} is not an IP address or CIDR block ` +
          '(or loopback, none, any).',
      );
    return [{ address, prefix, family }];
  });
}

export interface CacheConfig {
  enabled: boolean;
  redisUrl: string | null;
  maxBytes: number;
  ttlSeconds: number;
  versionPollMs: number;
}

export interface AuthConfig {
  production: boolean;
  jwksUrl: string | null;
  jwksFile: string | null;
  issuer: string;
  audience: string;
  algorithms: string[];
  clockToleranceSeconds: number;
  devKeyFile: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (!e.DATABASE_URL && e.DATABASE_REPLICA_URLS.length > 0) {
    throw new ConfigError(
      'DATABASE_REPLICA_URLS needs DATABASE_URL: replicas only serve reads beside a MySQL/MariaDB primary.',
    );
  }
  if (production && e.API_TOKENS.trim() !== '') {
    throw new ConfigError(
      'API_TOKENS is a development shortcut and is refused when NODE_ENV=production: use JWTs ' +
        '(AUTH_JWKS_URL or AUTH_JWKS_FILE) or API keys (reformgraph keys create).',
    );
  }
  return {
    database: e.DATABASE_URL
      ? {
          type: 'mysql',
          url: e.DATABASE_URL,
          poolSize: e.DB_POOL_SIZE,
          replicaUrls: e.DATABASE_REPLICA_URLS,
          replicaPollMs: e.REPLICA_POLL_MS,
        }
      : { type: 'sqlite', path: e.SQLITE_PATH },
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    maxPageSize: e.MAX_PAGE_SIZE,
    limits: {
      maxComplexity: e.MAX_QUERY_COMPLEXITY,
      maxRunningAggregates: e.MAX_RUNNING_AGGREGATES,
      maxDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxDirectives: e.MAX_DIRECTIVES,
      maxTokens: e.MAX_TOKENS,
      maxDocumentChars: e.MAX_DOCUMENT_CHARS,
      maxListLength: e.MAX_LIST_LENGTH,
      maxStringLength: e.MAX_STRING_LENGTH,
      exposeLimits: !production,
    },
    maxAggregateCells: e.MAX_AGGREGATE_CELLS,
    executor:
      e.GRAPHQL_EXECUTOR ??
      (env.OTEL_GRAPHQL_RESOLVER_SPANS?.toLowerCase() === 'true' ? 'graphql-js' : 'jit'),
    queryTimeoutMs: e.QUERY_TIMEOUT_MS,
    maxConcurrentRequests: e.MAX_CONCURRENT_REQUESTS,
    sqliteReadThreads: e.SQLITE_READ_THREADS,
    demoScale: e.DEMO_SCALE,
    http: {
      bodyLimit: e.BODY_LIMIT,
      bodyLimitBytes: bytes.parse(e.BODY_LIMIT) ?? 0, // the regex above admits only sizes it parses
      headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
    },
    cache: {
      enabled: e.RESPONSE_CACHE === 'on',
      redisUrl: e.REDIS_URL ?? null,
      maxBytes: Math.round(e.CACHE_MAX_MB * 1024 * 1024),
      ttlSeconds: e.CACHE_TTL_SECONDS,
      versionPollMs: e.VERSION_POLL_MS,
    },
    savedQueries: {
      total: e.SAVED_QUERIES_MAX,
      perOwner: e.SAVED_QUERIES_PER_OWNER,
      charsTotal: e.SAVED_QUERY_CHARS_MAX,
      charsPerOwner: e.SAVED_QUERY_CHARS_PER_OWNER,
    },
    metrics: {
      token: e.METRICS_TOKEN ?? null,
      allow: metricsAllow(e.METRICS_ALLOW),
      port: e.METRICS_PORT ?? null,
    },
    seedDir: e.SEED_DIR,
    webDir: e.WEB_DIR ?? null,
    recordKeySecret: e.RECORD_KEY_SECRET,
    apiTokens: e.API_TOKENS,
    auth: {
      production,
      jwksUrl: e.AUTH_JWKS_URL ?? null,
      jwksFile: e.AUTH_JWKS_FILE ?? null,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      algorithms: e.AUTH_ALGORITHMS,
      clockToleranceSeconds: e.AUTH_CLOCK_TOLERANCE_SECONDS,
      devKeyFile: e.DEV_KEY_FILE,
    },
  };
}
