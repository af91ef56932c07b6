import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../db/unavailable';
import { ErrorCode, PUBLIC_ERROR_CODES } from '../shared/errors';
import type { Logger } from '../shared/logging';

/** Apollo's own codes for requests the client got wrong; their messages are safe to show. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Codes a client's protocol depends on (Apollo's automatic persisted queries): kept as they are. */
const PROTOCOL_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/** Longest message a client gets: an echoed input is cut, never sent back whole. */
const MAX_MESSAGE = 500;

/**
 * A message as a client may see it: at most MAX_MESSAGE characters, and without GraphQL's
 * "Did you mean ...?" suggestions when they are off (production), which would list the schema's
 * fields and enum values to someone without introspection.
 */
function tidy(message: string, suggestions: boolean): string {
  const text = suggestions ? message : message.replace(/\s*Did you mean [^?]*\?/g, '');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}… (cut)` : text;
}

/**
 * Only our public codes pass through with their message; client mistakes become BAD_USER_INPUT;
 * anything else (a driver error, a bug) is logged and replaced, so SQL, internal messages and
 * stack traces never reach a client.
 */
export function createErrorFormatter(
  logger: Logger,
  options: { suggestions: boolean } = { suggestions: true },
) {
  return (shown: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = { ...shown, message: tidy(shown.message, options.suggestions) };
    const code = String(formatted.extensions?.code ?? '');
    const base = { locations: formatted.locations, path: formatted.path };
    // An error raised before the request had a context (a refused credential) brings its id.
    const requestId = formatted.extensions?.requestId;
    const id = typeof requestId === 'string' ? { requestId } : {};
    if (PUBLIC_ERROR_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const field = formatted.extensions?.field;
      return {
        ...base,
        message: formatted.message,
        extensions: { code, ...(field ? { field } : {}), ...id },
      };
    }
    if (PROTOCOL_CODES.has(code)) {
      // Automatic persisted queries: the client resends the query when it sees this code.
      return { ...base, message: formatted.message, extensions: { code } };
    }
    // An error Apollo raises with a 4xx status and no code (an automatic persisted query sent
    // under a hash that is not its own) is the client's too.
    const status =
      error instanceof GraphQLError
        ? (error.extensions.http as { status?: unknown } | undefined)?.status
        : undefined;
    const uncoded = error instanceof GraphQLError && error.extensions.code === undefined;
    const clientStatus = uncoded && typeof status === 'number' && status >= 400 && status < 500;
    if (CLIENT_ERROR_CODES.has(code) || clientStatus) {
      return {
        ...base,
        message: formatted.message,
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      };
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error, path: formatted.path }, 'database unavailable');
      return {
        ...base,
        message: 'The database is unavailable; try again shortly.',
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    logger.error({ err: error, path: formatted.path }, 'internal error');
    return {
      ...base,
      message: 'Internal server error.',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
