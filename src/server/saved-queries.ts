import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import type { ApolloServer } from '@apollo/server';
import type { Request, Response } from 'express';
import { getVariableValues, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../shared/graph';
import { ErrorCode } from '../shared/errors';
import { runAsCaller, sendError, type CallerContext } from './http-errors';
import { requestSqlCount } from './request-sql-count';
import {
  ownerLabel,
  type SavedQuery,
  type SavedQueryRegistry,
  type SavedVariable,
} from '../shared/saved-queries';
import { flatRows, toCsv } from '../shared/export';
import type { CachedAnswer } from '../shared/cache';
import type { EarlyRequest, HeldAnswer, HeldAnswerFinder } from './cached-answers';

/** Query-string parameters of the URL itself, not variables of the query. */
const RESERVED = new Set(['format', 'limit', 'offset', 'api_key']);
const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 10000;

/** A query-string value as the variable's type wants it; GraphQL then validates it. */
function variableValue(variable: SavedVariable, raw: string): unknown {
  const one = (text: string): unknown => {
    if (variable.base === 'Int' && /^-?\d+$/.test(text)) return Number(text);
    if (variable.base === 'Float' && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
    if (variable.base === 'Boolean' && (text === 'true' || text === 'false'))
      return text === 'true';
    return text;
  };
  return variable.list ? raw.split(',').map((part) => one(part.trim())) : one(raw);
}

export interface SavedQueryRouteOptions {
  apollo: ApolloServer<RequestContext>;
  schema: GraphQLSchema;
  /** The saved queries (held in memory once the server follows them: see the registry). */
  registry: SavedQueryRegistry;
  context: CallerContext;
  /** The response cache's answers, found before GraphQL runs (none without the cache). */
  held?: HeldAnswerFinder;
}

/** A page of a saved query's rows as sent: its body, its ETag, and how many rows it pages. */
interface Rendered {
  body: string;
  /** The body's length in bytes. */
  length: number;
  etag: string;
  rows: number;
}

/** Pages kept per held answer (format, offset, limit): at most this many. */
const PAGES_PER_ANSWER = 16;

/** The route a saved query is served at, as its metrics and spans name it. */
const SAVED_ROUTE = '/api/:name';

/** A name as it may stand in a URL's path unescaped (a saved query's, of any origin). */
const SAVED_NAME = /^[A-Za-z0-9_-]{1,64}$/;

type Format = 'json' | 'csv';

/** A saved query's request as its URL gives it: the variables, and which rows in which format. */
interface SavedRequest {
  query: SavedQuery;
  /** The URL's parameters (the next page's link keeps them). */
  params: Record<string, string>;
  variables: Record<string, unknown>;
  format: Format;
  limit: number;
  offset: number;
}

/** Why a saved query's URL is refused (400), in words that name the URL's parameters. */
class Refused {
  constructor(readonly message: string) {}
}

/**
 * Reads a saved query's URL parameters (as node's querystring parses them: a repeated one is a
 * list); `accepted` negotiates the format when `format` is not given.
 */
function readRequest(
  schema: GraphQLSchema,
  query: SavedQuery,
  raw: Record<string, unknown>,
  accepted: () => Format,
): SavedRequest | Refused {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string')
      return new Refused(`Give ${key} once (a list is comma separated).`);
    params[key] = value;
  }
  const unknown = Object.keys(params).filter(
    (key) => !RESERVED.has(key) && !query.variables.some((v) => v.name === key),
  );
  if (unknown.length > 0) {
    const takes = query.variables.map((v) => `${v.name} (${v.type})`).join(', ') || 'no variables';
    return new Refused(`Unknown parameter ${unknown.join(', ')}: ${query.name} takes ${takes}.`);
  }
  const limit = params.limit === undefined ? DEFAULT_LIMIT : Number(params.limit);
  const offset = params.offset === undefined ? 0 : Number(params.offset);
  if (
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > MAX_LIMIT ||
    !Number.isInteger(offset) ||
    offset < 0
  )
    return new Refused(`limit must be 1-${MAX_LIMIT} and offset 0 or more.`);
  const format = params.format ?? accepted();
  if (format !== 'json' && format !== 'csv') return new Refused('format must be json or csv.');
  const variables: Record<string, unknown> = {};
  for (const variable of query.variables)
    if (params[variable.name] !== undefined)
      variables[variable.name] = variableValue(variable, params[variable.name]);
  // Checked here so a wrong value is named as the URL parameter it came from.
  const coerced = getVariableValues(schema, query.operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return new Refused(coerced.errors.map((e) => e.message).join(' '));
  return { query, params, variables, format, limit, offset };
}

/** Renders a page of the answer's rows in the request's format. */
function render(request: SavedRequest, data: Record<string, unknown>): Rendered {
  const { query, format, offset, limit } = request;
  const shape = query.shape ?? { root: '', cells: false, columns: [] };
  const rows = flatRows(shape, data);
  const page = rows.slice(offset, offset + limit);
  const body = format === 'csv' ? toCsv(shape, page) : JSON.stringify(page);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, length: Buffer.byteLength(body), etag, rows: rows.length };
}

/**
 * The headers of a page as sent, 200 or 304 (`headers`), and those of its body (`content`):
 * the next page's link, the dataset versions, the ETag and how to cache it.
 */
function pageHeaders(
  request: SavedRequest,
  rendered: Rendered,
  datasets: unknown,
): { headers: Record<string, string>; content: Record<string, string> } {
  const { query, params, offset, limit } = request;
  const headers: Record<string, string> = {};
  if (offset + limit < rendered.rows) {
    const next = new URLSearchParams({
      ...params,
      offset: String(offset + limit),
      limit: String(limit),
    });
    next.delete('api_key');
    headers.link = `</api/${query.name}?${next.toString()}>; rel="next"`;
  }
  const versions = (datasets ?? {}) as Record<string, unknown>;
  headers['x-dataset-versions'] = Object.entries(versions)
    .map(([dataset, version]) => `${dataset}=${String(version)}`)
    .join(',');
  headers.etag = rendered.etag;
  // Answers change only when data is imported: revalidate every time, and cheaply.
  headers['cache-control'] = 'private, no-cache';
  headers.vary = 'Authorization, Accept';
  const content: Record<string, string> =
    request.format === 'csv'
      ? {
          'content-type': 'text/csv; charset=utf-8; header=present',
          'content-disposition': `inline; filename="${query.name}.csv"`,
        }
      : { 'content-type': 'application/json; charset=utf-8' };
  return { headers, content };
}

/**
 * The format an Accept header surely negotiates, without a negotiation library: any type or
 * JSON alone is JSON, CSV alone is CSV; anything else (a weighted list) is left to Express.
 */
function plainAccept(accept: string | undefined): Format | undefined {
  const type = (accept ?? '').trim().toLowerCase();
  if (type === '' || type === '*/*' || type === 'application/json') return 'json';
  return type === 'text/csv' ? 'csv' : undefined;
}

/**
 * `GET /api` lists the saved queries; `GET /api/<name>?<variables>` runs one as the caller
 * (a bearer token or `api_key`) and answers a flat array of rows (JSON) or RFC 4180 CSV
 * (`format=csv` or `Accept: text/csv`), `limit`/`offset` with a `Link: rel="next"`, an `ETag`
 * (a matching `If-None-Match` is a 304) and the dataset versions it was computed from. `early`
 * reads such a GET for the path in front of Express (answerBeforeExpress), which answers it when
 * the response cache holds its answer; both make each page of a held answer once.
 */
export function savedQueryHandlers(options: SavedQueryRouteOptions) {
  const { registry, schema } = options;
  const pages = new WeakMap<CachedAnswer, Map<string, Rendered>>();
  /** A page of a held answer, made once while the answer is held in this process's memory. */
  const pageOf = (held: HeldAnswer, request: SavedRequest): Rendered | undefined => {
    const { data } = held.answer.result;
    if (!data) return undefined;
    let known = pages.get(held.answer);
    if (!known) pages.set(held.answer, (known = new Map()));
    const which = `${request.format}\n${request.offset}\n${request.limit}`;
    let page = known.get(which);
    if (!page) {
      if (known.size >= PAGES_PER_ANSWER) known.clear();
      page = render(request, data);
      known.set(which, page);
    }
    return page;
  };
  const index = async (req: Request, res: Response) => {
    const base = `${req.protocol}://${req.get('host') ?? 'localhost'}/api`;
    res.json(
      (await registry.list()).map((q) => ({
        name: q.name,
        description: q.description,
        origin: q.origin,
        owner: q.owner && ownerLabel(q.owner),
        url: `${base}/${q.name}`,
        variables: q.variables.map(({ name, type, required }) => ({ name, type, required })),
      })),
    );
  };
  const run = async (req: Request, res: Response) => {
    const id = String(req.id);
    const query = await registry.find(String(req.params.name), requestSqlCount(req));
    if (!query) {
      sendError(
        res,
        404,
        `No saved query ${String(req.params.name)}: GET ${req.baseUrl} lists them.`,
        ErrorCode.NOT_FOUND,
        id,
      );
      return;
    }
    const request = readRequest(schema, query, req.query, () =>
      req.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json',
    );
    if (request instanceof Refused) {
      sendError(res, 400, request.message, ErrorCode.BAD_USER_INPUT, id);
      return;
    }
    // An answer the response cache holds is served without GraphQL.
    const held = await options.held?.(
      req,
      { query: query.document, variables: request.variables },
      id,
    );
    const cached = held && pageOf(held, request);
    let rendered: Rendered;
    let datasets: unknown;
    if (held && cached) {
      rendered = cached;
      datasets = held.answer.result.extensions?.datasets;
      held.served(query.operation.name?.value);
    } else {
      const result = await runAsCaller(
        options.apollo,
        options.context,
        req,
        res,
        query.document,
        request.variables,
      );
      if (!result) return;
      rendered = render(request, result.data);
      datasets = result.extensions?.datasets;
    }
    const { headers, content } = pageHeaders(request, rendered, datasets);
    res.set(headers);
    if (req.headers['if-none-match'] === rendered.etag) {
      res.status(304).end();
      return;
    }
    res.set(content);
    res.send(rendered.body);
  };
  /**
   * A saved query's GET read for the path in front of Express, from memory alone: undefined
   * when Express must answer it (a query not held in memory, a URL it refuses, an Accept it
   * negotiates).
   */
  const early = (req: IncomingMessage): EarlyRequest | undefined => {
    const url = req.url ?? '';
    if (req.method !== 'GET' || !url.startsWith('/api/')) return undefined;
    const mark = url.indexOf('?');
    const name = url.slice('/api/'.length, mark < 0 ? undefined : mark);
    if (!SAVED_NAME.test(name)) return undefined; // escapes, slashes: Express's router decides
    const query = registry.fromMemory(name);
    if (!query) return undefined;
    const params = mark < 0 ? {} : parseQueryString(url.slice(mark + 1));
    // Without `format`, an Accept that is not plain is negotiated by Express.
    const accepted = plainAccept(req.headers.accept);
    if (params.format === undefined && accepted === undefined) return undefined;
    const request = readRequest(schema, query, params, () => accepted ?? 'json');
    if (request instanceof Refused) return undefined;
    return {
      route: SAVED_ROUTE,
      sent: { query: query.document, variables: request.variables },
      operationName: query.operation.name?.value,
      respond(held) {
        const rendered = pageOf(held, request);
        if (!rendered) return undefined;
        const { headers, content } = pageHeaders(
          request,
          rendered,
          held.answer.result.extensions?.datasets,
        );
        return {
          headers,
          content,
          body: rendered.body,
          length: rendered.length,
          etag: rendered.etag,
        };
      },
    };
  };
  return { index, run, early };
}
