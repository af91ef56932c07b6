import { createHash } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import type { Request, RequestHandler } from 'express';
import type { Principal } from '../shared/auth';
import type { CachedAnswer, ResponseCache } from '../shared/cache';
import type { Logger } from '../shared/logging';
import type { Metrics } from './metrics';
import { audit } from './response-extensions.plugin';

/**
 * Answers a GraphQL GET from the response cache before GraphQL runs: no body parsing, no parse,
 * no validation, no plugin, no resolver. The entry is the one the response cache plugin keeps the
 * answer under, found from the query text as sent through the alias the plugin recorded when it
 * answered that text (with the operation name, the variables, the caller's role and scope), and
 * the same freshness rule holds (every dataset the answer read at its version, from
 * memory), so only what the full path would answer identically is answered here; anything else
 * (a miss, a POST, a flat table, a credential that does not verify, a request Apollo's CSRF rule
 * would refuse) goes on to the full path. The answer carries an ETag: a client that sends it back
 * (`If-None-Match`) gets 304 while the datasets stay at their versions. The audit line and the
 * GraphQL metrics are the full path's.
 */
export interface CachedAnswersOptions {
  cache: ResponseCache;
  principal: (req: Request) => Promise<Principal>;
  metrics: Metrics;
  logger: Logger;
  /** The metrics label of an operation name (see SavedQueryRegistry.operationLabel). */
  operationLabel: (operationName: string | null | undefined) => string;
}

/** Content types a browser may send cross-site without a preflight (Apollo's CSRF rule). */
const SIMPLE_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/** Whether Apollo's CSRF prevention lets this GET through (else Apollo answers it, with 400). */
function preflighted(req: Request): boolean {
  const type = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
  if (type && !SIMPLE_TYPES.includes(type)) return true;
  return Boolean(req.headers['x-apollo-operation-name'] || req.headers['apollo-require-preflight']);
}

/** Whether the full path would answer in plain JSON (not CSV, rows, or graphql-response+json). */
function wantsJson(req: Request): boolean {
  if (req.query.format !== undefined) return false;
  const accept = req.headers.accept;
  if (!accept) return true;
  if (accept.includes('application/graphql-response+json')) return false;
  return req.accepts(['application/json', 'text/csv']) === 'application/json';
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
   * under `operationName` (the operation the document names, when it was not sent).
   */
  served(operationName?: string): void;
}

/** Finds the response cache's answer to a request as sent, if it may be served as it is. */
export type HeldAnswerFinder = (req: Request, sent: SentRequest) => Promise<HeldAnswer | null>;

/**
 * Finds the answer the response cache holds for a request as sent, under the rules the full
 * path keeps answers by: the entry the plugin recorded for this text, operation name, variables,
 * role and scope, every dataset it read at its version. Null whenever the full path must answer
 * (never answered here, stale, a credential that does not verify: Apollo's context answers it).
 */
export function heldAnswers(options: CachedAnswersOptions): HeldAnswerFinder {
  const { cache, metrics, logger } = options;
  return async (req, { query, operationName: sentName, variables }) => {
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
      served(named) {
        const operationName = named ?? sentName;
        stop({ operation: options.operationLabel(operationName) });
        // The operation's span, as the tracing plugin describes one answered by the full path.
        const span = trace.getActiveSpan();
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
          requestId: String(req.id),
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

/** The GraphQL GET route's early answer: `find` is the finder saved queries use too. */
export function answerFromCache(find: HeldAnswerFinder): RequestHandler {
  // The bytes of each answer held in this process's memory, written once (Redis answers are
  // parsed anew on each get, so theirs are written each time).
  const bodies = new WeakMap<CachedAnswer, string>();
  const bodyOf = (answer: CachedAnswer): string => {
    let body = bodies.get(answer);
    if (body === undefined) {
      body = JSON.stringify({
        data: answer.result.data,
        extensions: { ...answer.result.extensions, cache: 'HIT' },
      });
      bodies.set(answer, body);
    }
    return body;
  };
  return (req, res, next) => {
    const operationName = req.query.operationName;
    const variablesText = req.query.variables;
    // The text, or an automatic persisted query's hash alone (with both, Apollo checks that they
    // agree: the full path answers).
    const query =
      req.query.extensions === undefined
        ? req.query.query
        : req.query.query === undefined
          ? persistedQueryOf(req.query.extensions)
          : undefined;
    if (
      req.method !== 'GET' ||
      typeof query !== 'string' ||
      (operationName !== undefined && typeof operationName !== 'string') ||
      (variablesText !== undefined && typeof variablesText !== 'string') ||
      !preflighted(req) ||
      !wantsJson(req)
    ) {
      next();
      return;
    }
    let variables: Record<string, unknown> | undefined;
    if (variablesText !== undefined) {
      try {
        const parsed: unknown = JSON.parse(variablesText);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          next();
          return;
        }
        variables = parsed as Record<string, unknown>; // a JSON object, as Apollo takes it
      } catch {
        next();
        return;
      }
    }
    find(req, { query, operationName, variables }).then(
      (held) => {
        if (!held) {
          next();
          return;
        }
        const { answer, key } = held;
        const etag = `"${createHash('sha256')
          .update(key)
          .update(JSON.stringify(answer.versions))
          .digest('base64url')
          .slice(0, 27)}"`;
        res.setHeader('etag', etag);
        res.setHeader('cache-control', 'private, no-cache');
        res.setHeader('vary', 'accept, authorization');
        if (req.headers['if-none-match'] === etag) res.status(304).end();
        else {
          res.type('application/json; charset=utf-8');
          res.end(bodyOf(answer));
        }
        held.served();
      },
      (error: unknown) => next(error),
    );
  };
}
