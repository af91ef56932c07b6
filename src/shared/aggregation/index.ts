/** The aggregation engine: runs a fact's aggregates (from its rows or a pre-aggregation), conditions. */
export * from './aggregate-query';
export * from './conditions';
export * from './pre-aggregations';
export * from './summaries';
