import { GraphQLError } from 'graphql';

/** The codes a client may see in `extensions.code`; anything else is masked as INTERNAL_SERVER_ERROR. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  /** None of the formats the request accepts is served (SDMX content negotiation, 406). */
  NOT_ACCEPTABLE = 'NOT_ACCEPTABLE',
  /** A request body over BODY_LIMIT (answered by the HTTP layer, 413). */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** The request ran past QUERY_TIMEOUT_MS and was stopped (HTTP 503). */
  QUERY_TIMEOUT = 'QUERY_TIMEOUT',
  /** The caller has MAX_CONCURRENT_REQUESTS requests running already (HTTP 429). */
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** The database cannot be reached now (HTTP 503 with Retry-After): retry shortly. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

export class BadUserInputError extends GraphQLError {
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } });
  }
}

/**
 * A request refused before it runs (a limit, an oversized input): BAD_USER_INPUT with HTTP 400,
 * as the request as a whole is wrong, unlike a resolver's BadUserInputError beside other data.
 */
export class RejectedRequestError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND } });
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'Invalid or missing API token.') {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

/** For exhaustive switches: the compiler proves this is never reached. */
export function unreachable(value: never): never {
  throw new Error(`Unreachable case: ${JSON.stringify(value)}`);
}
