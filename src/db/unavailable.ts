/** Driver error codes that mean the database cannot be reached, not that a statement is wrong. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'SQLITE_BUSY',
]);

/** TypeORM's and mysql2's errors for a data source or pool that is closed. */
const UNAVAILABLE_MESSAGES = [
  /connection is not (yet )?established/i,
  /database connection is not open/i,
  /Pool is closed/i,
  /Can't add new command when connection is in closed state/i,
  /DataSource.*(not initialized|destroyed)/i,
  /Connection lost/i,
];

/**
 * Whether an error (or an error it wraps, as GraphQL and TypeORM wrap driver errors) says the
 * database is away: the client gets SERVICE_UNAVAILABLE (503), something to retry, instead of an
 * internal error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message)))
      return true;
    // GraphQL wraps what a resolver threw (`thrownValue` when it was not an Error, as mysql2's
    // connection failures are not), TypeORM wraps driver errors.
    const next = current as {
      originalError?: unknown;
      thrownValue?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    current = next.originalError ?? next.thrownValue ?? next.driverError ?? next.cause;
  }
  return false;
}
