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
  /**
   * How a span the report states (`2017/2021`: "on average per year") is computed from the
   * yearly values; spans are not computed when unset.
   */
  overSpan?: 'mean' | 'sum';
}

/** A period the report states, as the years it covers: `2021`, or a span `2017/2021`. */
export function yearsOf(period: string): number[] | null {
  if (/^\d{4}$/.test(period)) return [Number(period)];
  const span = /^(\d{4})\/(\d{4})$/.exec(period);
  if (!span) return null;
  const [from, to] = [Number(span[1]), Number(span[2])];
  return from <= to ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : null;
}

/**
 * The computed value of an indicator for a period: the year's, or for a span the mean or sum of
 * its years' (null if any year is undefined, or spans are not computable for it).
 */
export async function computeForPeriod(
  computation: IndicatorComputation,
  data: DataAccess,
  period: string,
): Promise<number | null> {
  const years = yearsOf(period);
  if (!years) return null;
  if (years.length === 1) return computation.compute(data, years[0]);
  if (!computation.overSpan) return null;
  const values = await Promise.all(years.map((year) => computation.compute(data, year)));
  if (values.some((v) => v === null)) return null;
  const sum = values.reduce<number>((a, v) => a + (v ?? 0), 0);
  return computation.overSpan === 'mean' ? sum / values.length : sum;
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
