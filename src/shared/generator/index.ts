/** Synthetic data: the generator contract, the random streams, dates and seed files. */
export * from './dates';
export * from './generator.definition';
export * from './random';
export * from './seed-files';
