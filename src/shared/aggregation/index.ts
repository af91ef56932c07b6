/** The aggregation engine: runs a fact's aggregates (from its table, summaries or rollup), conditions. */
export * from './aggregate-query';
export * from './conditions';
export * from './summaries';
