import { createHash } from 'node:crypto';
import { printSchema } from 'graphql';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { Authenticator, type Principal } from '../shared/auth';
import type { RequestContext } from '../shared/graph';
import type { Logger } from '../shared/logging';
import type { Catalog } from '../shared/modules';
import { responseExtensionsPlugin } from './response-extensions.plugin';
import { createErrorFormatter } from './error-masking';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { queryLimits } from './query-limits';
import { createHttpApp, createHttpServer, listen } from './http-app';
import { requestSqlCount } from './request-sql-count';
import express from 'express';
import { Metrics, metricsEndpoint } from './metrics';
import { metricsPlugin } from './metrics.plugin';
import { SavedQueryRegistry, SavedQueryRecord } from '../shared/saved-queries';
import { DASHBOARD_DOCUMENTS } from '../shared/persisted';
import { createRequestContext } from './request-context';
import { jitExecutor } from './executor';
import { buildAppSchema, printAppSchema } from './schema';
import { attachReadPool, detachReadPool, reserveConnections } from '../db/read-pool';
import { ReadReplicas } from '../shared/replicas';
import {
  announceSavedQueryChange,
  closeRedis,
  connectRedis,
  createResponseCache,
  subscribeSavedQueryChanges,
  watchDatasetVersions,
} from '../shared/cache';
import { LocalRunningRequests, RedisRunningRequests, type CredentialRequest } from './fair-share';
import { responseCachePlugin } from './response-cache.plugin';
import { tracingEnabled } from '../shared/tracing';
import { tracingPlugin } from './tracing.plugin';

export async function createApolloServer(
  config: Config,
  logger: Logger,
  catalog: Catalog,
  extraPlugins: ApolloServerPlugin<RequestContext>[] = [],
): Promise<ApolloServer<RequestContext>> {
  const schema = await buildAppSchema(catalog);
  const limits = queryLimits(schema, catalog, config.limits, config.maxAggregateCells);
  // GRAPHQL_EXECUTOR=jit: the same schema, its operations compiled once (executor.ts).
  const execution = config.executor === 'jit' ? { gateway: jitExecutor(schema) } : { schema };
  return new ApolloServer<RequestContext>({
    ...execution,
    formatError: createErrorFormatter(logger, { suggestions: !config.auth.production }),
    includeStacktraceInErrorResponses: false,
    // In production the schema is the committed schema/schema.graphql, not introspection.
    introspection: !config.auth.production,
    validationRules: limits.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [
      ...limits.plugins,
      // Browsers get the bundled explorer from the HTTP app (web-pages.ts), never Apollo's
      // landing page, which loads from a CDN.
      ApolloServerPluginLandingPageDisabled(),
      // Apollo's cache-control plugin, installed unless disabled, wraps every field resolver to
      // collect cache hints nothing here reads (the response cache keys on dataset versions):
      // about 9% of the CPU of a 1,000-row page.
      ApolloServerPluginCacheControlDisabled(),
      // The schema is a federation subgraph, for which Apollo would time every resolver when a
      // gateway asks (Apollo Studio's "ftv1"): traces are OpenTelemetry's here, and resolver
      // timings are not the caller's to read.
      ApolloServerPluginInlineTraceDisabled(),
      responseExtensionsPlugin(logger),
      ...(tracingEnabled() ? [tracingPlugin()] : []),
      ...extraPlugins,
    ],
  });
}

export interface RunningServer {
  /** The GraphQL endpoint, `http://host:port/graphql`. */
  url: string;
  /** The server's base URL, `http://host:port` (health, readiness, metrics beside it). */
  origin: string;
  /** Where `/metrics` is served: `origin`, or its own port (METRICS_PORT). */
  metricsOrigin: string;
  /**
   * Drains: readiness turns false, the listener closes, in-flight requests finish, then Apollo
   * stops. The caller closes the database afterwards.
   */
  stop(): Promise<void>;
}

/**
 * Starts the HTTP server (Express 5: GraphQL at /graphql, /healthz, /readyz, /metrics);
 * requests authenticate as `Authenticator` says (JWT, API key).
 */
export async function startServer(
  dataSource: DataSource,
  config: Config,
  logger: Logger,
  catalog: Catalog,
): Promise<RunningServer> {
  const authenticator = await Authenticator.create(config, dataSource, catalog);
  // Redis, when configured, also holds the per-caller counts of running requests.
  const redis = config.cache.redisUrl ? await connectRedis(config.cache.redisUrl, logger) : null;
  // SQLite: heavy reads on worker threads, so they do not stall the event loop.
  const readPool = attachReadPool(dataSource, config.sqliteReadThreads);
  // MySQL/MariaDB: aggregates leave two connections of the pool to cheap reads.
  if (config.database.type === 'mysql')
    reserveConnections(dataSource, config.database.poolSize ?? 10, 2);
  const metrics = new Metrics();
  metrics.observePool(dataSource);
  // MySQL/MariaDB read replicas (DATABASE_REPLICA_URLS), used when fresh enough.
  const replicas = await ReadReplicas.start(dataSource, config.database, catalog, logger, (route) =>
    metrics.readRoutes.inc({ route }),
  );
  let draining = false;
  const schema = await buildAppSchema(catalog);
  // The repository's saved queries must validate: a broken one stops the start, not a refresh.
  const savedQueries = new SavedQueryRegistry(
    schema,
    dataSource.getRepository(SavedQueryRecord),
    config.savedQueries,
    Object.values(DASHBOARD_DOCUMENTS),
  );
  // Registered saved queries from memory, reread with the dataset versions' poll, and at once
  // when another process announces a change on Redis.
  await savedQueries.follow(config.cache.versionPollMs);
  const savedQueryNotices = redis
    ? await subscribeSavedQueryChanges(redis, () => void savedQueries.refresh())
    : null;
  if (redis) savedQueries.onChange((name) => void announceSavedQueryChange(redis, name));
  const versions = await watchDatasetVersions(config.cache, dataSource, logger);
  const cache = await createResponseCache(
    config.cache,
    versions,
    logger,
    createHash('sha256').update(printSchema(schema)).digest('hex').slice(0, 16),
  );
  // The app is attached once Apollo has started; the server exists first for the drain plugin.
  const httpServer = createHttpServer(config.http);
  const apollo = await createApolloServer(config, logger, catalog, [
    ApolloServerPluginDrainHttpServer({ httpServer }),
    metricsPlugin(metrics, (name) => savedQueries.operationLabel(name)),
    ...(cache ? [responseCachePlugin(cache, metrics, logger)] : []),
  ]);
  await apollo.start();
  // A request's credential is verified once: the concurrency limit counts its principal, and
  // its GraphQL context is made with the same.
  const principals = new WeakMap<CredentialRequest, Promise<Principal>>();
  const principalOf = (req: CredentialRequest): Promise<Principal> => {
    let principal = principals.get(req);
    if (!principal) {
      principal = authenticator.authenticate({
        method: req.method ?? 'GET',
        url: req.originalUrl ?? req.url ?? '/',
        authorization: req.headers.authorization,
      });
      principals.set(req, principal);
    }
    return principal;
  };
  const app = createHttpApp({
    apollo,
    schema,
    dataSource,
    http: config.http,
    limits: config.limits,
    maxConcurrentRequests: config.maxConcurrentRequests,
    running: redis
      ? new RedisRunningRequests(redis, Math.ceil(config.http.requestTimeoutMs / 1000) + 60, logger)
      : new LocalRunningRequests(),
    logger,
    metrics,
    metricsAccess: config.metrics,
    savedQueries,
    sdmx: catalog.sdmx,
    cache,
    operationLabel: (name) => savedQueries.operationLabel(name),
    principal: principalOf,
    draining: () => draining,
    web: {
      dir: config.webDir,
      production: config.auth.production,
      sdl: () => printAppSchema(catalog),
    },
    context: async (req, requestId) =>
      createRequestContext({
        dataSource,
        config,
        principal: await principalOf(req),
        catalog,
        logger,
        savedQueries,
        requestId,
        replicas,
        sqlCount: requestSqlCount(req),
        versions,
      }),
  });
  httpServer.on('request', app);
  const origin = await listen(httpServer, config.port, config.host);
  // METRICS_PORT: the metrics on a port of their own (e.g. open to the cluster's scraper only).
  const metricsServer = config.metrics.port === null ? null : createHttpServer(config.http);
  if (metricsServer) {
    const metricsApp = express();
    metricsApp.disable('x-powered-by');
    metricsApp.get('/metrics', metricsEndpoint(metrics, config.metrics));
    metricsServer.on('request', metricsApp);
  }
  const metricsOrigin = metricsServer
    ? await listen(metricsServer, config.metrics.port ?? 0, config.host)
    : origin;
  return {
    url: `${origin}/graphql`,
    origin,
    metricsOrigin,
    async stop() {
      draining = true;
      if (metricsServer) {
        metricsServer.closeAllConnections();
        await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      }
      await apollo.stop();
      await cache?.close();
      versions.stop();
      savedQueries.stop();
      if (savedQueryNotices) await closeRedis(savedQueryNotices);
      await replicas.close();
      if (readPool) await detachReadPool(dataSource);
      if (redis) await closeRedis(redis);
    },
  };
}
