/** The logger. */
export * from './logger';
