import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { trace, type Span } from '@opentelemetry/api';
import type { Principal } from '../shared/auth';
import type { CachedAnswer, ResponseCache } from '../shared/cache';
import type { Logger } from '../shared/logging';
import { redactUrl } from '../shared/redact';
import { requestContext } from '../shared/tracing';
import type { Metrics } from './metrics';
import { audit } from './response-extensions.plugin';
import { callerOf, type CredentialRequest, type RunningRequests } from './fair-share';
import { startOperationSpan } from './tracing.plugin';

/**
 * Answers a GraphQL GET or POST from the response cache before Express and GraphQL run: no
 * router, no middleware, no parse, no validation, no plugin, no resolver. The entry is the one
 * the response cache plugin keeps the answer under, found from the query text as sent through
 * the alias the plugin recorded when it answered that text (with the operation name, the
 * variables, the caller's role and scope), and the same freshness rule holds (every dataset the
 * answer read at its version, from memory), so only what the full path would answer identically
 * is answered here; anything else (a miss, a flat table, an Accept it does not know the answer
 * to, a body that is large, compressed or not JSON, a credential that does not verify, a GET
 * Apollo's CSRF rule would refuse, a caller at its limit of running requests) goes on to the
 * full path, which answers it as before (with a POST's body as read here). The answer carries
 * an ETag: a client that sends it back (`If-None-Match`) gets 304 while the datasets stay at
 * their versions. The request id, the log line, the HTTP, GraphQL and SQL metrics, the
 * operation's span and the audit line are the full path's.
 */
export interface CachedAnswersOptions {
  cache: ResponseCache;
  principal: (req: CredentialRequest) => Promise<Principal>;
  metrics: Metrics;
  logger: Logger;
  /** The metrics label of an operation name (see SavedQueryRegistry.operationLabel). */
  operationLabel: (operationName: string | null | undefined) => string;
}

/** Content types a browser may send cross-site without a preflight (Apollo's CSRF rule). */
const SIMPLE_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/** Whether Apollo's CSRF prevention lets this GET through (else Apollo answers it, with 400). */
function preflighted(headers: IncomingHttpHeaders): boolean {
  const type = headers['content-type']?.split(';')[0].trim().toLowerCase();
  if (type && !SIMPLE_TYPES.includes(type)) return true;
  return Boolean(headers['x-apollo-operation-name'] || headers['apollo-require-preflight']);
}

/**
 * The sha256 hash of an automatic persisted query (Apollo's `extensions.persistedQuery`, version
 * 1), if the extensions are that and nothing else.
 */
export function persistedHash(extensions: unknown): string | undefined {
  if (extensions === null || typeof extensions !== 'object') return undefined;
  const entries = Object.entries(extensions);
  if (entries.length !== 1 || entries[0][0] !== 'persistedQuery') return undefined;
  const persisted: unknown = entries[0][1];
  if (persisted === null || typeof persisted !== 'object') return undefined;
  const { version, sha256Hash } = persisted as Record<string, unknown>;
  return version === 1 && typeof sha256Hash === 'string' && /^[0-9a-f]{64}$/.test(sha256Hash)
    ? sha256Hash
    : undefined;
}

/**
 * What stands for a persisted query's text in its response-cache alias: not a GraphQL document,
 * so it names no text's entry.
 */
export const persistedText = (hash: string): string => `persisted:${hash}`;

/** A request as sent: what names its response-cache entry, with the caller. */
export interface SentRequest {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

/** An answer the response cache holds for a request as sent, found before GraphQL runs. */
export interface HeldAnswer {
  answer: CachedAnswer;
  /** The entry's key. */
  key: string;
  principal: Principal;
  /**
   * Records the answer as served: the GraphQL metrics, the operation's span, the audit line,
   * under `operationName` (the operation the document names, when it was not sent), in `span`
   * (else the active span, the operation's under Express).
   */
  served(operationName?: string, span?: Span): void;
}

/** Finds the response cache's answer to a request as sent, if it may be served as it is. */
export type HeldAnswerFinder = (
  req: CredentialRequest,
  sent: SentRequest,
  requestId: string,
) => Promise<HeldAnswer | null>;

/** What the path in front of Express writes for a held answer. */
export interface EarlyResponse {
  /** The headers of the answer, 200 or 304 (the request id is added). */
  headers: Record<string, string>;
  /** The headers of its body (200 only; its length is added). */
  content: Record<string, string>;
  /** A string: node writes it with the head in one call (a buffer takes two). */
  body: string;
  /** Its length in bytes. */
  length: number;
  etag: string;
}

/** A request the path in front of Express may answer from the response cache. */
export interface EarlyRequest {
  /** The route its HTTP metrics and span name, as the full path's router names it. */
  route: string;
  /** What names its response-cache entry. */
  sent: SentRequest;
  /** The operation its GraphQL metrics and audit line name, when not sent (the document's). */
  operationName?: string;
  /** What to write for the held answer; undefined leaves the request to the full path. */
  respond(held: HeldAnswer): EarlyResponse | undefined;
}

/**
 * Reads a request for the early path: undefined when it is not one it may answer (a route that
 * reads the request's body answers later, and leaves the body it read on the request).
 */
export type EarlyRoute = (
  req: IncomingMessage,
) => EarlyRequest | Promise<EarlyRequest | undefined> | undefined;

/**
 * Finds the answer the response cache holds for a request as sent, under the rules the full
 * path keeps answers by: the entry the plugin recorded for this text, operation name, variables,
 * role and scope, every dataset it read at its version. Null whenever the full path must answer
 * (never answered here, stale, a credential that does not verify: Apollo's context answers it).
 */
export function heldAnswers(options: CachedAnswersOptions): HeldAnswerFinder {
  const { cache, metrics, logger } = options;
  return async (req, { query, operationName: sentName, variables }, requestId) => {
    const stop = metrics.graphqlDuration.startTimer();
    let principal: Principal;
    try {
      principal = await options.principal(req);
    } catch {
      return null;
    }
    const key = cache.aliasOf(cache.key({ query, operationName: sentName, variables, principal }));
    if (key === undefined) return null; // this text was never answered here
    const found = await cache.lookup(key);
    if (!found.answer) return null; // counted by the plugin, which looks again
    const { answer } = found;
    metrics.cacheLookups.inc({ outcome: 'hit', store: cache.store.kind });
    return {
      answer,
      key,
      principal,
      served(named, given) {
        const operationName = named ?? sentName;
        stop({ operation: options.operationLabel(operationName) });
        // The operation's span, as the tracing plugin describes one answered by the full path.
        const span = given ?? trace.getActiveSpan();
        if (span?.isRecording()) {
          span.updateName(`graphql.request ${operationName ?? 'anonymous'}`);
          span.setAttributes({
            'reformgraph.role': principal.role,
            ...(principal.entityScope
              ? { 'reformgraph.entity_scope': principal.entityScope.join(',') }
              : {}),
            'graphql.operation.name': operationName ?? '',
            'reformgraph.cache': 'HIT',
          });
        }
        audit(logger, principal, {
          operationName: operationName ?? null,
          datasets: Object.keys(answer.versions).sort(),
          cells: 0,
          cached: true,
          errors: 0,
          requestId,
        });
      },
    };
  };
}

/** The path GraphQL is served at, and the route its metrics and spans name. */
const GRAPHQL_ROUTE = '/graphql';

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';

/**
 * The type Apollo answers an Accept header with, for the headers whose answer is sure without a
 * negotiation library: none, any type, JSON alone, and GraphQL's response type as fetch, curl,
 * BI connectors, Apollo Client and the dashboard send them. Any other (HTML for the explorer,
 * CSV, a weighted list) is negotiated by the full path.
 */
const ANSWER_TYPES: ReadonlyMap<string, string> = new Map([
  ['', JSON_TYPE],
  ['*/*', JSON_TYPE],
  ['application/json', JSON_TYPE],
  ['application/graphql-response+json', GRAPHQL_RESPONSE_TYPE],
  ['application/graphql-response+json, application/json', GRAPHQL_RESPONSE_TYPE],
  ['application/graphql-response+json,application/json;q=0.9', GRAPHQL_RESPONSE_TYPE],
]);

const answerTypeOf = (accept: string | undefined): string | undefined =>
  ANSWER_TYPES.get((accept ?? '').trim().toLowerCase());

/** A JSON object (what Apollo takes as variables or extensions), or undefined. */
const objectOf = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>) // a JSON object, checked above
    : undefined;

/**
 * A GraphQL request as sent, from its parsed parameters, when its cache entry is sure: its text
 * (or an automatic persisted query's hash alone: with both, Apollo checks that they agree, so
 * the full path answers), operation name and variables. Undefined for anything else (a null, a
 * list, a document the full path refuses as too long).
 */
function sentOf(
  fields: { query: unknown; operationName: unknown; variables: unknown; extensions: unknown },
  maxDocumentChars: number,
): SentRequest | undefined {
  const { operationName, variables, extensions } = fields;
  let query = fields.query;
  if (extensions !== undefined) {
    const hash = query === undefined ? persistedHash(extensions) : undefined;
    query = hash === undefined ? undefined : persistedText(hash);
  }
  if (
    typeof query !== 'string' ||
    query.length > maxDocumentChars ||
    (operationName !== undefined && typeof operationName !== 'string')
  )
    return undefined;
  if (variables === undefined) return { query, operationName };
  const given = objectOf(variables);
  return given && { query, operationName, variables: given };
}

/** JSON text parsed, or undefined when it is not JSON. */
function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A GraphQL GET as sent, read from its URL and headers alone (see sentOf). The query string is
 * parsed as Express parses it (node's querystring: a repeated parameter is a list, which no
 * GraphQL parameter may be).
 */
function graphqlGetSent(req: IncomingMessage, maxDocumentChars: number): SentRequest | undefined {
  const url = req.url ?? '';
  const mark = url.indexOf('?');
  if (mark < 0 || url.slice(0, mark) !== GRAPHQL_ROUTE || !preflighted(req.headers))
    return undefined;
  const params = parseQueryString(url.slice(mark + 1));
  const { query, operationName, variables, extensions } = params;
  if (
    params.format !== undefined ||
    (variables !== undefined && typeof variables !== 'string') ||
    (extensions !== undefined && typeof extensions !== 'string')
  )
    return undefined;
  return sentOf(
    {
      query,
      operationName,
      variables: variables === undefined ? undefined : (parsedJson(variables) ?? null),
      extensions: extensions === undefined ? undefined : (parsedJson(extensions) ?? null),
    },
    maxDocumentChars,
  );
}

/** A request body the path in front of Express read but could not parse, for Express to refuse. */
const unparsedBodies = new WeakMap<IncomingMessage, Error>();

/**
 * The error of a body read in front of Express that is not JSON, as Express's JSON parser
 * raises it (so its error handler answers 400 as for any): Express's parser skips a body
 * already read.
 */
export const earlyBodyError = (req: IncomingMessage): Error | undefined => unparsedBodies.get(req);

/** Request bodies the path in front of Express reads: a cached question is small. */
const EARLY_BODY_BYTES = 64 * 1024;

/**
 * Reads a GraphQL POST's JSON body in front of Express, when it is plain (a declared length
 * within the limits, JSON in UTF-8, not compressed), and leaves it on the request as Express's
 * JSON parser would (`req.body`), so the full path takes it from there; a body that is not JSON
 * is left for Express to refuse (earlyBodyError). Undefined when it did not read the body (the
 * full path reads it), or the client went away.
 */
async function readJsonBody(
  req: IncomingMessage & { body?: unknown },
  bodyLimitBytes: number,
): Promise<unknown> {
  const length = Number(req.headers['content-length']);
  const type = req.headers['content-type']?.toLowerCase().replace(/\s/g, '');
  if (
    !Number.isInteger(length) ||
    length > Math.min(bodyLimitBytes, EARLY_BODY_BYTES) ||
    req.headers['transfer-encoding'] !== undefined ||
    (req.headers['content-encoding'] ?? 'identity').toLowerCase() !== 'identity' ||
    (type !== 'application/json' && type !== 'application/json;charset=utf-8')
  )
    return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer); // a request streams Buffers
  // UTF-8 without a byte order mark, as Express's parser decodes it.
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const first = /\S/.exec(text)?.[0];
  // As Express's parser in strict mode: empty is {}, else an object or a list.
  const body =
    first === undefined ? {} : first === '{' || first === '[' ? parsedJson(text) : undefined;
  if (body === undefined)
    unparsedBodies.set(
      req,
      Object.assign(new SyntaxError('The request body is not valid JSON.'), {
        type: 'entity.parse.failed',
        status: 400,
      }),
    );
  req.body = body;
  return body;
}

/**
 * The early routes of GraphQL GETs and POSTs (see sentOf): the answer's data and extensions as
 * Apollo writes a hit (its JSON and a new line), with an ETag of its entry and versions, both
 * made once per answer held in this process's memory (Redis answers are parsed anew on each
 * get, so theirs are made each time), in the type Apollo negotiates for the Accept header.
 */
export function graphqlRoutes(maxDocumentChars: number, bodyLimitBytes: number): EarlyRoute[] {
  const written = new WeakMap<CachedAnswer, Omit<EarlyResponse, 'content'>>();
  const writtenOf = (held: HeldAnswer): Omit<EarlyResponse, 'content'> => {
    let done = written.get(held.answer);
    if (done === undefined) {
      const { answer } = held;
      const body = `${JSON.stringify({
        data: answer.result.data,
        extensions: { ...answer.result.extensions, cache: 'HIT' },
      })}\n`;
      const etag = `"${createHash('sha256')
        .update(held.key)
        .update(JSON.stringify(answer.versions))
        .digest('base64url')
        .slice(0, 27)}"`;
      done = {
        headers: { etag, 'cache-control': 'private, no-cache', vary: 'accept, authorization' },
        body,
        length: Buffer.byteLength(body),
        etag,
      };
      written.set(answer, done);
    }
    return done;
  };
  const early = (sent: SentRequest | undefined, type: string): EarlyRequest | undefined =>
    sent && {
      route: GRAPHQL_ROUTE,
      sent,
      respond: (held) => ({ ...writtenOf(held), content: { 'content-type': type } }),
    };
  const gets: EarlyRoute = (req) => {
    const type = req.method === 'GET' ? answerTypeOf(req.headers.accept) : undefined;
    return type === undefined ? undefined : early(graphqlGetSent(req, maxDocumentChars), type);
  };
  const posts: EarlyRoute = (req) => {
    const type = answerTypeOf(req.headers.accept);
    if (req.method !== 'POST' || req.url !== GRAPHQL_ROUTE || type === undefined) return undefined;
    return readJsonBody(req, bodyLimitBytes).then((body) => {
      const fields = objectOf(body);
      if (!fields) return undefined;
      const { query, operationName, variables, extensions, ...other } = fields;
      return Object.keys(other).length > 0
        ? undefined
        : early(sentOf({ query, operationName, variables, extensions }, maxDocumentChars), type);
    });
  };
  return [gets, posts];
}

export interface EarlyAnswersOptions {
  /** The requests it may answer: the first route that reads a request takes it. */
  routes: readonly EarlyRoute[];
  find: HeldAnswerFinder;
  principal: (req: CredentialRequest) => Promise<Principal>;
  /** The running requests of each caller, and how many one may have (as the full path counts). */
  running: RunningRequests;
  maxConcurrentRequests: number;
  /** A request's id: the caller's `x-request-id` if it looks like one, else a new one. */
  requestId: (req: IncomingMessage) => string;
  metrics: Metrics;
  logger: Logger;
}

/**
 * The HTTP server's request listener in front of `full` (the Express app): a request one of the
 * routes reads (a GraphQL GET or POST, a saved query's URL) whose answer the response cache
 * holds is answered here, anything else goes on to `full`.
 */
export function answerBeforeExpress(
  options: EarlyAnswersOptions,
  full: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { metrics, logger } = options;

  /** Answers from the cache, or false when the full path must. */
  const answer = async (
    req: IncomingMessage,
    res: ServerResponse,
    reading: NonNullable<ReturnType<EarlyRoute>>,
  ): Promise<boolean> => {
    const started = performance.now();
    // The caller's running requests, counted as the full path counts them (a body being read
    // included): one at its limit is left to the full path, which refuses it (429).
    const caller = await callerOf(req, options.principal(req));
    const count = await options.running.enter(caller);
    try {
      const early = await reading;
      if (early === undefined || count > options.maxConcurrentRequests) return false;
      const requestId = options.requestId(req);
      const held = await options.find(req, early.sent, requestId);
      const response = held && early.respond(held);
      if (!held || !response) return false;
      const headers = { 'x-request-id': requestId, ...response.headers };
      const status = req.headers['if-none-match'] === response.etag ? 304 : 200;
      if (status === 304) res.writeHead(304, headers).end();
      else
        res
          .writeHead(200, {
            ...headers,
            ...response.content,
            'content-length': response.length,
          })
          .end(response.body);
      // What the full path records of a request: its operation's span (when the door traced
      // it), the GraphQL metrics and audit line, its HTTP and SQL metrics, its log line.
      const request = requestContext(req);
      const span = request && startOperationSpan(req, request, requestId, early.route);
      held.served(early.operationName, span);
      span?.end();
      const method = req.method ?? 'GET';
      metrics.httpRequests.inc({ method, route: early.route, status: String(status) });
      metrics.sqlStatements.observe(0);
      metrics.sqlSeconds.observe(0);
      if (logger.isLevelEnabled('info'))
        logger.info(
          {
            req: { id: requestId, method, url: redactUrl(req.url ?? '') },
            res: { statusCode: status },
            responseTime: Math.round(performance.now() - started),
          },
          'request completed',
        );
      return true;
    } finally {
      void options.running.leave(caller);
    }
  };

  return (req, res) => {
    let early: ReturnType<EarlyRoute>;
    for (const route of options.routes) if ((early = route(req))) break;
    if (!early) {
      full(req, res);
      return;
    }
    // A body read that fails (the client went away) is handled where it is awaited.
    if (early instanceof Promise) early.catch(() => undefined);
    answer(req, res, early).then(
      (answered) => {
        if (!answered) full(req, res);
      },
      (error: unknown) => {
        // Nothing written yet: the full path answers (and reports what fails there too);
        // a client that went away while its body was read is gone.
        if (req.destroyed) return;
        if (!res.headersSent) full(req, res);
        else logger.error({ err: error }, 'an answer from the cache failed');
      },
    );
  };
}
