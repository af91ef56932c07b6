/** Saved queries for BI tools: the registry and its records. */
export * from './registry';
export * from './saved-query.entity';
export * from './saved-query';
