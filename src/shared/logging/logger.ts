import pino, { type Logger } from 'pino';
import { traceFields, tracingEnabled } from '../tracing';

export type { Logger };

/**
 * One pino logger for the process; the level comes from config (LOG_LEVEL). While tracing is on,
 * each line names the trace and span it was written in (`trace_id`, `span_id`), beside the
 * request id that spans and lines already share.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'reformgraph' },
    ...(tracingEnabled() ? { mixin: traceFields } : {}),
  });
}

/** Logger for library code that runs before config is loaded, and for tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
