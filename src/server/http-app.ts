import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { HttpConfig, MetricsConfig, QueryLimitsConfig } from '../config/config';
import { startSqlCount } from './request-sql-count';
import type { RequestContext } from '../shared/graph';
import { ErrorCode } from '../shared/errors';
import type { Logger } from '../shared/logging';
import { metricsEndpoint, type Metrics } from './metrics';
import type { SavedQueryRegistry } from '../shared/saved-queries';
import { savedQueryHandlers } from './saved-queries';
import { sdmxHandlers } from './sdmx';
import { answerBeforeExpress, earlyBodyError, graphqlRoutes, heldAnswers } from './cached-answers';
import type { ResponseCache } from '../shared/cache';
import type { SdmxRegistry } from '../shared/sdmx';
import { callerOf, fairShare, type CredentialRequest, type RunningRequests } from './fair-share';
import type { Principal } from '../shared/auth';
import { errorBody, sendError } from './http-errors';
import { flatGraphql } from './flat-graphql';
import { webPages, type WebPagesOptions } from './web-pages';
import { redactUrl } from '../shared/redact';
import { traceAtTheDoor, tracingEnabled } from '../shared/tracing';
import { operationSpan } from './tracing.plugin';

/**
 * Apollo Server behind Express, through its documented integration interface
 * (`executeHTTPGraphQLRequest`), as `@as-integrations/express5` does it less two costs a profile
 * of the uncached lookup put at 2-3% of its CPU: the query string is cut from the URL at its `?`
 * (that package runs node's legacy `url.parse` on every request), and a complete answer to a POST
 * is written as it is (Express's `res.send` hashes every body for a weak ETag, which no client
 * revalidates a POST with; a GET's answer keeps it, and its 304).
 */
function apolloHandler(
  apollo: ApolloServer<RequestContext>,
  context: (req: express.Request) => Promise<RequestContext>,
): RequestHandler {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const url = req.url;
    const fragment = url.indexOf('#');
    const path = fragment < 0 ? url : url.slice(0, fragment);
    const mark = path.indexOf('?');
    const method = req.method.toUpperCase();
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method,
        headers,
        search: mark < 0 ? '' : path.slice(mark),
        // Express's JSON parser's, or the body read in front of Express.
        body: req.body as unknown,
      },
      context: () => context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    const { body } = response;
    if (body.kind === 'complete') {
      if (method === 'GET' || method === 'HEAD') res.send(body.string);
      else res.setHeader('content-length', Buffer.byteLength(body.string)).end(body.string);
      return;
    }
    // Incremental delivery (@defer): each part as it comes.
    for await (const chunk of body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/** A request id from the caller is kept if it looks like one; otherwise a new one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export interface HttpAppOptions {
  apollo: ApolloServer<RequestContext>;
  dataSource: DataSource;
  http: HttpConfig;
  /** Limits on GraphQL requests; the document's length is checked here, before parsing. */
  limits: QueryLimitsConfig;
  /** Requests one caller may have running at once (GraphQL, saved queries, SDMX). */
  maxConcurrentRequests: number;
  /** Where the running requests are counted (this process, or Redis for every process). */
  running: RunningRequests;
  logger: Logger;
  metrics: Metrics;
  /** Who may read `/metrics`; with a port of its own, it is not served here. */
  metricsAccess: MetricsConfig;
  savedQueries: SavedQueryRegistry;
  /** The response cache, when on: GraphQL GETs it holds are answered before GraphQL runs. */
  cache: ResponseCache | null;
  /** The metrics label of an operation name. */
  operationLabel: (operationName: string | null | undefined) => string;
  /** The SDMX structures (from the catalog) served under `/sdmx`. */
  sdmx: SdmxRegistry;
  /** Who asks: the request's credential verified (once per request; the context reuses it). */
  principal: (req: CredentialRequest) => Promise<Principal>;
  /** The GraphQL context of a request: who asks (authenticated from the headers) and its id. */
  context: (req: express.Request, requestId: string) => Promise<RequestContext>;
  schema: GraphQLSchema;
  /** Whether the process is draining (SIGTERM): readiness is then false. */
  draining: () => boolean;
  /** The explorer, the dashboard and their bundles. */
  web: WebPagesOptions;
}

/**
 * The hub's HTTP surface on Express 5: GraphQL at `/graphql` (Apollo's Express integration, so
 * other routes can sit beside it; a browser's GET gets the explorer), `/dashboard`, `/api/<name>`
 * (saved queries as JSON or CSV), `/sdmx`, `/healthz` (the process answers), `/readyz` (the
 * database answers and no migration is pending; false while draining), `/metrics` (Prometheus,
 * open as METRICS_TOKEN and METRICS_ALLOW say, unless METRICS_PORT serves it apart).
 * Every response carries `x-request-id`; requests are logged by pino-http under that id.
 * In front of Express: GraphQL GETs and POSTs and saved queries' URLs whose answers the
 * response cache holds (see answerBeforeExpress).
 */
export function createHttpApp(options: HttpAppOptions): RequestListener {
  const { apollo, dataSource, http, logger, metrics } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger,
      genReqId(req: IncomingMessage, res: ServerResponse) {
        const id = requestIdOf(req);
        res.setHeader('x-request-id', id);
        return id;
      },
      // Only what identifies the request: never headers (tokens), nor a credential in the URL.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    }),
  );
  const count: RequestHandler = (req, res, next) => {
    res.on('finish', () => {
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : req.baseUrl || 'other';
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
  app.use(count);

  // The SQL a request runs, for the statements and time per request histograms: its data
  // facade records each statement in the request's count (see requestSqlCount).
  const measureSql: RequestHandler = (req, res, next) => {
    const sql = startSqlCount(req);
    res.on('finish', () => {
      metrics.sqlStatements.observe(sql.statements.length);
      metrics.sqlSeconds.observe(sql.milliseconds / 1000);
    });
    next();
  };

  // While tracing is on, each operation gets its span (see tracing.plugin.ts).
  const traced: RequestHandler[] = tracingEnabled() ? [operationSpan] : [];

  const fair = fairShare(options.running, options.maxConcurrentRequests, (req) =>
    callerOf(req, options.principal(req)),
  );

  // Answers the response cache holds, served before GraphQL (in front of Express, and here for
  // what the early path leaves to Express).
  const held = options.cache
    ? heldAnswers({
        cache: options.cache,
        principal: options.principal,
        metrics,
        logger,
        operationLabel: options.operationLabel,
      })
    : null;
  const web = webPages(options.web);
  // GraphQL first: most requests are its, and every route before it is a match tried.
  app.use(
    '/graphql',
    web.explorer,
    fair,
    measureSql,
    express.json({ limit: http.bodyLimit }),
    // A body read in front of Express that is not JSON is refused as Express's parser refuses one.
    (req, _res, next) => next(earlyBodyError(req)),
    (req, res, next) => {
      const body: unknown = req.body;
      const query =
        req.method === 'GET'
          ? req.query.query
          : body && typeof body === 'object' && 'query' in body
            ? body.query
            : undefined;
      const { maxDocumentChars, exposeLimits } = options.limits;
      if (typeof query === 'string' && query.length > maxDocumentChars) {
        res
          .status(400)
          .json(
            errorBody(
              exposeLimits
                ? `The query document is longer than ${maxDocumentChars} characters.`
                : 'The query document is too long.',
              ErrorCode.BAD_USER_INPUT,
              String(req.id),
            ),
          );
        return;
      }
      next();
    },
    ...traced,
    flatGraphql(apollo, options.schema, options.context),
    apolloHandler(apollo, async (req) => {
      try {
        return await options.context(req, String(req.id));
      } catch (error) {
        // A credential refused before any context exists: its error carries the id too.
        if (error instanceof GraphQLError)
          throw new GraphQLError(error.message, {
            extensions: { ...error.extensions, requestId: String(req.id) },
          });
        throw error;
      }
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const status = await readiness(dataSource, options.draining());
    res.status(status === 'ready' ? 200 : 503).json({ status });
  });
  if (options.metricsAccess.port === null)
    app.get('/metrics', metricsEndpoint(metrics, options.metricsAccess));
  const saved = savedQueryHandlers({
    ...(held ? { held } : {}),
    apollo,
    schema: options.schema,
    registry: options.savedQueries,
    context: options.context,
  });
  app.get('/api', saved.index);
  app.get('/api/:name', fair, measureSql, ...traced, saved.run);
  const sdmx = sdmxHandlers({ apollo, context: options.context, registry: options.sdmx });
  const sdmxRoute = [fair, measureSql, ...traced];
  // The SDMX 2.x path forms first (`data/dataflow/...` would otherwise be a 2.1 flowRef).
  app.get('/sdmx/data/dataflow/:agency/:id/:version{/:key}', ...sdmxRoute, sdmx.data);
  app.get(
    '/sdmx/availability/dataflow/:agency/:id/:version{/:key}{/:component}',
    ...sdmxRoute,
    sdmx.available,
  );
  app.get('/sdmx/data/:flow{/:key}{/:provider}', ...sdmxRoute, sdmx.data);
  app.get(
    '/sdmx/availableconstraint/:flow{/:key}{/:provider}{/:component}',
    ...sdmxRoute,
    sdmx.available,
  );
  app.get('/sdmx/schema/dataflow/:agency/:id{/:version}', sdmx.schema);
  app.get('/sdmx/structure/:type{/:agency}{/:id}{/:version}', ...sdmxRoute, sdmx.structure);
  app.get('/sdmx/:type{/:agency}{/:id}{/:version}', ...sdmxRoute, sdmx.structure);
  app.use('/sdmx', (req, res) =>
    sendError(res, 404, `No SDMX resource at ${req.path}.`, ErrorCode.NOT_FOUND, String(req.id)),
  );
  app.use(web.router);
  app.get('/', (_req, res) => {
    res.redirect(302, '/graphql');
  });

  const failed: ErrorRequestHandler = (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const id = String(req.id);
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      res
        .status(413)
        .json(
          errorBody(
            `The request body is larger than ${http.bodyLimit}.`,
            ErrorCode.PAYLOAD_TOO_LARGE,
            id,
          ),
        );
    } else if (type === 'entity.parse.failed') {
      res
        .status(400)
        .json(errorBody('The request body is not valid JSON.', ErrorCode.BAD_USER_INPUT, id));
    } else {
      logger.error({ err: error, requestId: id }, 'http request failed');
      res
        .status(500)
        .json(errorBody('Internal server error.', ErrorCode.INTERNAL_SERVER_ERROR, id));
    }
  };
  app.use(failed);
  return held
    ? answerBeforeExpress(
        {
          routes: [
            ...graphqlRoutes(options.limits.maxDocumentChars, http.bodyLimitBytes),
            saved.early,
          ],
          find: held,
          principal: options.principal,
          running: options.running,
          maxConcurrentRequests: options.maxConcurrentRequests,
          requestId: requestIdOf,
          metrics,
          logger,
        },
        app,
      )
    : app;
}

/** What `/readyz` says: ready, or why not (never the driver's message). */
async function readiness(dataSource: DataSource, draining: boolean): Promise<string> {
  if (draining) return 'draining';
  if (!dataSource.isInitialized) return 'database unavailable';
  try {
    await dataSource.query('SELECT 1');
    return (await dataSource.showMigrations()) ? 'migrations pending' : 'ready';
  } catch {
    return 'database unavailable';
  }
}

/**
 * An HTTP server with the configured timeouts, and the tracing door (which requests are traced)
 * while tracing is on; the app is attached as its request listener.
 */
export function createHttpServer(http: HttpConfig): Server {
  const server = createServer();
  traceAtTheDoor(server);
  server.headersTimeout = http.headersTimeoutMs;
  server.requestTimeout = http.requestTimeoutMs;
  server.keepAliveTimeout = http.keepAliveTimeoutMs;
  return server;
}

/** Listens and returns the base URL, without a trailing slash (the port the OS chose when PORT=0). */
export function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address: AddressInfo | string | null = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('the server is not listening on a TCP port'));
        return;
      }
      const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolve(`http://${shown}:${address.port}`);
    });
  });
}
