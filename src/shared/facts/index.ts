/** How a fact is declared: its definition (dimensions, counts, measures) and the measure helpers. */
export * from './aggregate.definition';
export * from './measures';
export * from './row-list.definition';
