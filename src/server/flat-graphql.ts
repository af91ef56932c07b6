import type { ApolloServer } from '@apollo/server';
import type { RequestHandler } from 'express';
import {
  Kind,
  parse,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { RequestContext } from '../shared/graph';
import { ErrorCode } from '../shared/errors';
import { flatRows, flatShape, toCsv } from '../shared/export';
import { runAsCaller, sendError, type CallerContext } from './http-errors';

/** The flat formats of `/graphql`: `text/csv`, or JSON rows (`format=rows`). */
type FlatFormat = 'csv' | 'rows';

const formatOf = (req: Parameters<RequestHandler>[0]): FlatFormat | null => {
  const asked = req.query.format;
  if (asked === 'csv' || asked === 'rows') return asked;
  if (asked !== undefined) return null;
  // Only a client that prefers CSV to JSON gets it (a browser's or GraphiQL's Accept does not).
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/csv']) ===
    'text/csv'
    ? 'csv'
    : null;
};

interface GraphQLParams {
  query: unknown;
  variables: unknown;
  operationName: unknown;
}

/**
 * Any GraphQL query as a flat table, beside the JSON answer: `GET /graphql?query=...` or `POST
 * /graphql` with `Accept: text/csv` (or `format=csv`) answers RFC 4180 CSV, `format=rows` a JSON
 * array of flat rows, as `/api/<name>` does for saved queries. The rows are the query's first
 * root field (see FlatShape: columns from the selection set, never from the data). The query runs
 * through Apollo as the caller, so roles, scopes, limits, disclosure control and the response
 * cache apply as to its JSON answer; an answer with errors is an error. Other requests go on to
 * GraphQL over HTTP.
 */
export function flatGraphql(
  apollo: ApolloServer<RequestContext>,
  schema: GraphQLSchema,
  context: CallerContext,
): RequestHandler {
  return async (req, res, next) => {
    const format = formatOf(req);
    if (!format) {
      if (req.query.format !== undefined) {
        sendError(
          res,
          400,
          'format must be csv or rows.',
          ErrorCode.BAD_USER_INPUT,
          String(req.id),
        );
        return;
      }
      next();
      return;
    }
    const id = String(req.id);
    const fail = (message: string, status = 400) =>
      sendError(res, status, message, ErrorCode.BAD_USER_INPUT, id);
    const params = (req.method === 'GET' ? req.query : (req.body ?? {})) as GraphQLParams;
    if (typeof params.query !== 'string') {
      fail('Give the query as a string (query=... on GET, "query" in the JSON body on POST).');
      return;
    }
    let variables: Record<string, unknown> | undefined;
    try {
      const raw =
        typeof params.variables === 'string' ? JSON.parse(params.variables) : params.variables;
      if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw)))
        throw new Error('not an object');
      variables = (raw ?? undefined) as Record<string, unknown> | undefined;
    } catch {
      fail('variables must be a JSON object.');
      return;
    }
    const operationName =
      typeof params.operationName === 'string' ? params.operationName : undefined;
    let document: DocumentNode;
    try {
      document = parse(params.query);
    } catch (error) {
      fail(`The query does not parse: ${(error as Error).message}`);
      return;
    }
    const operations = document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const operation = operationName
      ? operations.find((o) => o.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
    if (!operation) {
      fail(
        operationName
          ? `No operation ${operationName} in the document.`
          : 'The document holds several operations: give operationName.',
      );
      return;
    }
    if (operation.operation !== 'query') {
      fail('Only a query can be answered as a table.', req.method === 'GET' ? 405 : 400);
      return;
    }
    const shape = flatShape(schema, document, operation);
    if (!shape) {
      fail('The query selects no field to make rows of.');
      return;
    }
    const result = await runAsCaller(
      apollo,
      context,
      req,
      res,
      params.query,
      variables,
      operationName,
    );
    if (!result) return;
    const rows = flatRows(shape, result.data);
    res.setHeader('Vary', 'Authorization, Accept');
    res.setHeader('Cache-Control', 'private, no-cache');
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8; header=present');
      res.send(toCsv(shape, rows));
    } else {
      res.json(rows);
    }
  };
}
