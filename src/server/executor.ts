import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { GraphQLError, printSchema, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '../shared/errors';

// Apollo's own copy of the gateway interface's types (the package at the top of node_modules is
// @apollo/gateway's older one).
type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

/**
 * GRAPHQL_EXECUTOR=jit: each document is compiled once by graphql-jit into a function that
 * resolves its fields and serialises its leaves without graphql-js's per-field interpretation
 * (the field lookup, the argument coercion and the completion of every value), and run for every
 * request of the same text. It is handed to Apollo Server through its documented gateway
 * interface, the one way Apollo takes another executor: parsing, validation (the query limits),
 * the plugins and error formatting stay Apollo's, only execution changes. The compiled functions
 * are kept per document and operation in an LRU of `maxDocuments` (a document that does not
 * compile, its errors). graphql-jit reads a field without a resolver as a plain value, never
 * awaited: a plain field whose value may be a promise is marked `AWAITED` and keeps a resolver
 * (`schema.ts`).
 */
export function jitExecutor(schema: GraphQLSchema, maxDocuments = 500): GatewayInterface {
  const compiled = new LRUCache<string, CompiledQuery | ExecutionResult>({ max: maxDocuments });
  const executor: GatewayExecutor = async (request) => {
    const key = `${request.operationName ?? ''}\n${request.queryHash}`;
    let query = compiled.get(key);
    if (query === undefined) {
      query = compileQuery(schema, request.document, request.operationName ?? undefined);
      compiled.set(key, query);
    }
    if (!isCompiledQuery(query)) return asGraphqlJs(query, true);
    const result = await query.query(undefined, request.context, request.request.variables ?? {});
    // No data at all: the variables did not coerce (execution never began).
    return asGraphqlJs(result, result.data === undefined);
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    load: () => Promise.resolve({ executor }),
    stop: () => Promise.resolve(),
  };
}

/**
 * graphql-jit's errors as graphql-js makes them: an `extensions` object always (graphql-jit's
 * is undefined when the error thrown had none, and Apollo reads `extensions.code`), and errors
 * raised before execution (variables that do not coerce) coded as the client's, as Apollo codes
 * graphql-js's (it recognises those by their variable's node, which graphql-jit does not keep).
 */
function asGraphqlJs(result: ExecutionResult, beforeExecution: boolean): ExecutionResult {
  if (!result.errors) return result;
  const errors = result.errors.map((error) => {
    const code = beforeExecution ? { code: ErrorCode.BAD_USER_INPUT } : {};
    const same = new GraphQLError(error.message, {
      path: error.path,
      originalError: error.originalError,
      extensions: { ...error.extensions, ...code },
    });
    return Object.assign(same, { locations: error.locations });
  });
  return { ...result, errors };
}
