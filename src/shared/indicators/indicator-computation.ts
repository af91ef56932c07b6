import type { Condition, FactDefinition } from '../aggregation/aggregate.definition';
import type { Loaders } from '../loaders/loaders';

/**
 * How a dataset computes a published indicator from its own data, for one calendar year.
 * Each slice declares its computations next to its measures; `src/datasets/indicator-computations.ts`
 * lists them all, and the indicators slice only ever reads that list.
 */
export interface IndicatorComputation {
  indicatorCode: string;
  /** What is computed, in words, returned to clients. */
  method: string;
  /** Largest |published - computed| still counted as agreement, in the indicator's unit. */
  tolerance: number;
  /** Computes the value for a year through the request's (batched) loaders; null if undefined. */
  compute(loaders: Loaders, year: number): Promise<number | null>;
}

/** The common case: one measure of a fact, for the year, under fixed conditions (batched over years). */
export function measureByYear<D extends string>(
  fact: FactDefinition<D>,
  yearDimension: D,
  where: Condition<D>[],
  measure: string,
): IndicatorComputation['compute'] {
  return async (loaders, year) => {
    const cell = await loaders.aggregateBy(fact, yearDimension, { where }).load(year);
    return cell.measures[measure] ?? null;
  };
}
