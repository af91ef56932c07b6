import pino, { type Logger } from 'pino';

export type { Logger };

/** One pino logger for the process; the level comes from config (LOG_LEVEL). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'reformgraph' } });
}

/** Logger for library code that runs before config is loaded, and for tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
