import type { Condition, FactDefinition } from '../aggregation/aggregate.definition';
import type { DataAccess } from '../access/data-access';

/**
 * How a dataset computes a published indicator from its own data, for one calendar year.
 * Each dataset module declares its computations next to its measures; the catalog collects
 * them, and the indicators slice only ever reads the catalog.
 */
export interface IndicatorComputation {
  indicatorCode: string;
  /** What is computed, in words, returned to clients. */
  method: string;
  /** Largest |published - computed| still counted as agreement, in the indicator's unit. */
  tolerance: number;
  /** Computes the value for a year through the request's (batched) data access; null if undefined. */
  compute(data: DataAccess, year: number): Promise<number | null>;
}

/** The common case: one measure of a fact, for the year, under fixed conditions (batched over years). */
export function measureByYear<D extends string, M extends string>(
  fact: FactDefinition<D, M>,
  where: Condition<NoInfer<D>>[],
  measure: NoInfer<M>,
): IndicatorComputation['compute'] {
  return async (data, year) => {
    const cell = await data.aggregateBy(fact, fact.period, where, { declared: true }).load(year);
    return cell.measures[measure] ?? null;
  };
}
