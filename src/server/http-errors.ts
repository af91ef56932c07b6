import type { ApolloServer } from '@apollo/server';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../shared/graph';
import { ErrorCode } from '../shared/errors';

/** A GraphQL-shaped error body for the routes beside GraphQL and what fails before it runs. */
export const errorBody = (message: string, code: string, requestId: string) => ({
  errors: [{ message, extensions: { code, requestId } }],
});

export function sendError(
  res: Response,
  status: number,
  message: string,
  code: string,
  requestId: string,
): void {
  res.status(status).json(errorBody(message, code, requestId));
}

/** The HTTP status of a whole answer that failed with this error code. */
const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.QUERY_TIMEOUT]: 503,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

export type CallerContext = (req: Request, requestId: string) => Promise<RequestContext>;

/**
 * Runs a query of the hub's own (a saved query, an SDMX dataflow) as the caller of a GET route:
 * authenticates them, runs the document through Apollo (limits, cache, disclosure control all
 * apply), and answers a failure itself with the status its code calls for. Returns the result,
 * or null when the answer was an error.
 */
export async function runAsCaller(
  apollo: ApolloServer<RequestContext>,
  context: CallerContext,
  req: Request,
  res: Response,
  query: string,
  variables?: Record<string, unknown>,
  operationName?: string,
): Promise<{ data: Record<string, unknown>; extensions?: Record<string, unknown> } | null> {
  const id = String(req.id);
  let contextValue: RequestContext;
  try {
    contextValue = await context(req, id);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const code = String(error.extensions.code ?? ErrorCode.UNAUTHENTICATED);
    sendError(res, STATUS_OF_CODE[code] ?? 401, error.message, code, id);
    return null;
  }
  const response = await apollo.executeOperation(
    { query, variables, ...(operationName ? { operationName } : {}) },
    { contextValue },
  );
  if (response.body.kind !== 'single') throw new Error('queries of the hub are not incremental');
  const result = response.body.singleResult;
  if (result.errors?.length || !result.data) {
    const code = String(result.errors?.[0]?.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
    res.status(STATUS_OF_CODE[code] ?? 500).json({ errors: result.errors });
    return null;
  }
  return { data: result.data, extensions: result.extensions };
}
