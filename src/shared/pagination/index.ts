/** Relay connections over row lists. */
export * from './connection';
