import { createHash } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { Request, Response } from 'express';
import { getVariableValues, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../shared/graph';
import { ErrorCode } from '../shared/errors';
import { runAsCaller, sendError, type CallerContext } from './http-errors';
import { requestSqlCount } from './request-sql-count';
import { ownerLabel, type SavedQueryRegistry, type SavedVariable } from '../shared/saved-queries';
import { flatRows, toCsv } from '../shared/export';
import type { CachedAnswer } from '../shared/cache';
import type { HeldAnswerFinder } from './cached-answers';

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
  /** The saved queries (a registered one is read at its request: any process may change it). */
  registry: SavedQueryRegistry;
  context: CallerContext;
  /** The response cache's answers, found before GraphQL runs (none without the cache). */
  held?: HeldAnswerFinder;
}

/** A page of a saved query's rows as sent: its body, its ETag, and how many rows it pages. */
interface Rendered {
  body: string;
  etag: string;
  rows: number;
}

/** Pages kept per held answer (format, offset, limit): at most this many. */
const PAGES_PER_ANSWER = 16;

/**
 * `GET /api` lists the saved queries; `GET /api/<name>?<variables>` runs one as the caller
 * (a bearer token or `api_key`) and answers a flat array of rows (JSON) or RFC 4180 CSV
 * (`format=csv` or `Accept: text/csv`), `limit`/`offset` with a `Link: rel="next"`, an `ETag`
 * (a matching `If-None-Match` is a 304) and the dataset versions it was computed from.
 */
export function savedQueryHandlers(options: SavedQueryRouteOptions) {
  const { registry } = options;
  const pages = new WeakMap<CachedAnswer, Map<string, Rendered>>();
  const pageOf = (answer: CachedAnswer, which: string, render: () => Rendered): Rendered => {
    let known = pages.get(answer);
    if (!known) pages.set(answer, (known = new Map()));
    let page = known.get(which);
    if (!page) {
      if (known.size >= PAGES_PER_ANSWER) known.clear();
      page = render();
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
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.query)) {
      if (typeof value !== 'string') {
        sendError(
          res,
          400,
          `Give ${key} once (a list is comma separated).`,
          ErrorCode.BAD_USER_INPUT,
          id,
        );
        return;
      }
      params[key] = value;
    }
    const unknown = Object.keys(params).filter(
      (key) => !RESERVED.has(key) && !query.variables.some((v) => v.name === key),
    );
    if (unknown.length > 0) {
      const takes =
        query.variables.map((v) => `${v.name} (${v.type})`).join(', ') || 'no variables';
      sendError(
        res,
        400,
        `Unknown parameter ${unknown.join(', ')}: ${query.name} takes ${takes}.`,
        ErrorCode.BAD_USER_INPUT,
        id,
      );
      return;
    }
    const limit = params.limit === undefined ? DEFAULT_LIMIT : Number(params.limit);
    const offset = params.offset === undefined ? 0 : Number(params.offset);
    if (
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > MAX_LIMIT ||
      !Number.isInteger(offset) ||
      offset < 0
    ) {
      sendError(
        res,
        400,
        `limit must be 1-${MAX_LIMIT} and offset 0 or more.`,
        ErrorCode.BAD_USER_INPUT,
        id,
      );
      return;
    }
    const format =
      params.format ??
      (req.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json');
    if (format !== 'json' && format !== 'csv') {
      sendError(res, 400, 'format must be json or csv.', ErrorCode.BAD_USER_INPUT, id);
      return;
    }
    const variables: Record<string, unknown> = {};
    for (const variable of query.variables)
      if (params[variable.name] !== undefined)
        variables[variable.name] = variableValue(variable, params[variable.name]);

    // Checked here so a wrong value is named as the URL parameter it came from.
    const coerced = getVariableValues(
      options.schema,
      query.operation.variableDefinitions ?? [],
      variables,
    );
    if (coerced.errors) {
      sendError(
        res,
        400,
        coerced.errors.map((e) => e.message).join(' '),
        ErrorCode.BAD_USER_INPUT,
        id,
      );
      return;
    }
    const shape = query.shape ?? { root: '', cells: false, columns: [] };
    const render = (data: Record<string, unknown>): Rendered => {
      const rows = flatRows(shape, data);
      const page = rows.slice(offset, offset + limit);
      const body = format === 'csv' ? toCsv(shape, page) : JSON.stringify(page);
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      return { body, etag, rows: rows.length };
    };
    // An answer the response cache holds is served without GraphQL, and each of its pages is
    // made once while it is held in this process's memory.
    const held = await options.held?.(req, { query: query.document, variables }, String(req.id));
    let result: { data: Record<string, unknown>; extensions?: Record<string, unknown> } | null;
    let rendered: Rendered;
    if (held?.answer.result.data) {
      const { data, extensions } = held.answer.result;
      result = { data, extensions };
      rendered = pageOf(held.answer, `${format}\n${offset}\n${limit}`, () => render(data));
      held.served(query.operation.name?.value);
    } else {
      result = await runAsCaller(
        options.apollo,
        options.context,
        req,
        res,
        query.document,
        variables,
      );
      if (!result) return;
      rendered = render(result.data);
    }
    if (offset + limit < rendered.rows) {
      const next = new URLSearchParams({
        ...params,
        offset: String(offset + limit),
        limit: String(limit),
      });
      next.delete('api_key');
      res.setHeader('Link', `</api/${query.name}?${next.toString()}>; rel="next"`);
    }
    const versions = (result.extensions?.datasets ?? {}) as Record<string, unknown>;
    res.setHeader(
      'x-dataset-versions',
      Object.entries(versions)
        .map(([dataset, version]) => `${dataset}=${String(version)}`)
        .join(','),
    );
    const { body, etag } = rendered;
    res.setHeader('ETag', etag);
    // Answers change only when data is imported: revalidate every time, and cheaply.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Authorization, Accept');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8; header=present');
      res.setHeader('Content-Disposition', `inline; filename="${query.name}.csv"`);
    } else {
      res.type('application/json; charset=utf-8');
    }
    res.send(body);
  };
  return { index, run };
}
