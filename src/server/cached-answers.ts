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
 * Answers a GraphQL GET from the response cache before Express and GraphQL run: no router, no
 * body parsing, no parse, no validation, no plugin, no resolver. The entry is the one the response
 * cache plugin keeps the answer under, found from the query text as sent through the alias the
 * plugin recorded when it answered that text (with the operation name, the variables, the
 * caller's role and scope), and the same freshness rule holds (every dataset the answer read at
 * its version, from memory), so only what the full path would answer identically is answered
 * here; anything else (a miss, a POST, a flat table, another Accept, a credential that does not
 * verify, a request Apollo's CSRF rule would refuse, a caller at its limit of running requests)
 * goes on to the full path, which answers it as before. The answer carries an ETag: a client that
 * sends it back (`If-None-Match`) gets 304 while the datasets stay at their versions. The request
 * id, the log line, the HTTP, GraphQL and SQL metrics, the operation's span and the audit line
 * are the full path's.
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
 * Whether the full path would surely answer in plain JSON: an Accept of any type or of JSON alone
 * (what fetch, curl and BI connectors send). Any other (HTML for the explorer, CSV, GraphQL's
 * response type, a weighted list) is negotiated by the full path.
 */
function plainJson(accept: string | undefined): boolean {
  if (accept === undefined) return true;
  const type = accept.trim().toLowerCase();
  return type === '*/*' || type === 'application/json' || type === '';
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

/** Reads a request for the early path: undefined when it is not one it may answer. */
export type EarlyRoute = (req: IncomingMessage) => EarlyRequest | undefined;

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

/** The alias text of a GET's `extensions` parameter naming a persisted query, if it does. */
function persistedQueryOf(extensions: unknown): string | undefined {
  if (typeof extensions !== 'string') return undefined;
  try {
    const hash = persistedHash(JSON.parse(extensions));
    return hash === undefined ? undefined : persistedText(hash);
  } catch {
    return undefined;
  }
}

/** The path GraphQL is served at, and the route its metrics and spans name. */
const GRAPHQL_ROUTE = '/graphql';

/**
 * A GraphQL GET as sent, read from its URL and headers alone, when the full path would answer it
 * in plain JSON: its text (or an automatic persisted query's hash alone: with both, Apollo checks
 * that they agree, so the full path answers), operation name and variables. Undefined for
 * anything else. The query string is parsed as Express parses it (node's querystring: a
 * repeated parameter is a list, which no GraphQL parameter may be).
 */
function graphqlGetSent(req: IncomingMessage, maxDocumentChars: number): SentRequest | undefined {
  const url = req.url ?? '';
  const mark = url.indexOf('?');
  if (req.method !== 'GET' || mark < 0 || url.slice(0, mark) !== GRAPHQL_ROUTE) return undefined;
  if (!preflighted(req.headers) || !plainJson(req.headers.accept)) return undefined;
  const params = parseQueryString(url.slice(mark + 1));
  const { operationName, variables: variablesText, extensions } = params;
  const query =
    extensions === undefined
      ? params.query
      : params.query === undefined
        ? persistedQueryOf(extensions)
        : undefined;
  if (
    typeof query !== 'string' ||
    query.length > maxDocumentChars || // refused by the full path
    params.format !== undefined ||
    (operationName !== undefined && typeof operationName !== 'string') ||
    (variablesText !== undefined && typeof variablesText !== 'string')
  )
    return undefined;
  if (variablesText === undefined) return { query, operationName };
  try {
    const parsed: unknown = JSON.parse(variablesText);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    // A JSON object, as Apollo takes it.
    return { query, operationName, variables: parsed as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

/**
 * The early route of GraphQL GETs (see graphqlGetSent): the answer's data and extensions as
 * JSON, with an ETag of its entry and versions, both made once per answer held in this
 * process's memory (Redis answers are parsed anew on each get, so theirs are made each time).
 */
export function graphqlGets(maxDocumentChars: number): EarlyRoute {
  const written = new WeakMap<CachedAnswer, EarlyResponse>();
  const respond = (held: HeldAnswer): EarlyResponse => {
    let done = written.get(held.answer);
    if (done === undefined) {
      const { answer } = held;
      const body = JSON.stringify({
        data: answer.result.data,
        extensions: { ...answer.result.extensions, cache: 'HIT' },
      });
      const etag = `"${createHash('sha256')
        .update(held.key)
        .update(JSON.stringify(answer.versions))
        .digest('base64url')
        .slice(0, 27)}"`;
      done = {
        headers: { etag, 'cache-control': 'private, no-cache', vary: 'accept, authorization' },
        content: { 'content-type': 'application/json; charset=utf-8' },
        body,
        length: Buffer.byteLength(body),
        etag,
      };
      written.set(answer, done);
    }
    return done;
  };
  return (req) => {
    const sent = graphqlGetSent(req, maxDocumentChars);
    return sent && { route: GRAPHQL_ROUTE, sent, respond };
  };
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
 * routes reads (a GraphQL GET, a saved query's URL) whose answer the response cache holds is
 * answered here, anything else goes on to `full`.
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
    early: EarlyRequest,
  ): Promise<boolean> => {
    const started = performance.now();
    // The caller's running requests, counted as the full path counts them: one at its limit
    // is left to the full path, which refuses it (429).
    const caller = await callerOf(req, options.principal(req));
    const count = await options.running.enter(caller);
    try {
      if (count > options.maxConcurrentRequests) return false;
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
      metrics.httpRequests.inc({ method: 'GET', route: early.route, status: String(status) });
      metrics.sqlStatements.observe(0);
      metrics.sqlSeconds.observe(0);
      if (logger.isLevelEnabled('info'))
        logger.info(
          {
            req: { id: requestId, method: 'GET', url: redactUrl(req.url ?? '') },
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
    let early: EarlyRequest | undefined;
    for (const route of options.routes) if ((early = route(req))) break;
    if (!early) {
      full(req, res);
      return;
    }
    answer(req, res, early).then(
      (answered) => {
        if (!answered) full(req, res);
      },
      (error: unknown) => {
        // Nothing written yet: the full path answers (and reports what fails there too).
        if (!res.headersSent) full(req, res);
        else logger.error({ err: error }, 'an answer from the cache failed');
      },
    );
  };
}
