import type { Condition, FactDefinition } from '../facts';
import type { DataAccess } from '../access';

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
   * The value over a span the report states (`2017/2021`: "on average per year", "to date"), if
   * the indicator has one: computed as one cell over the years, so it is perturbed once.
   */
  computeSpan?(data: DataAccess, from: number, to: number): Promise<number | null>;
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
 * The computed value of an indicator for a period: the year's, or the span's where the
 * computation has one (null otherwise).
 */
export async function computeForPeriod(
  computation: IndicatorComputation,
  data: DataAccess,
  period: string,
): Promise<number | null> {
  const years = yearsOf(period);
  if (!years) return null;
  if (years.length === 1) return computation.compute(data, years[0]);
  return computation.computeSpan
    ? computation.computeSpan(data, years[0], years[years.length - 1])
    : null;
}

/** One cell of a flow over the years `from`..`to` (inclusive), under fixed conditions. */
async function overYears<D extends string, M extends string>(
  data: DataAccess,
  fact: FactDefinition<D, M>,
  where: Condition<NoInfer<D>>[],
  measure: NoInfer<M>,
  from: number | null,
  to: number,
): Promise<number | null> {
  const range: Condition<D>[] = [
    ...(from === null ? [] : [{ dimension: fact.period, op: 'gte' as const, values: [from] }]),
    { dimension: fact.period, op: 'lte', values: [to] },
  ];
  const [cell] = await data.aggregate(
    fact,
    { groupBy: [], where: [...where, ...range] },
    { declared: true },
  );
  return cell?.measures[measure] ?? null;
}

/** A span's total of a flow ("2019-2022: 1,300 beneficiaries"). */
export function totalOverYears<D extends string, M extends string>(
  fact: FactDefinition<D, M>,
  where: Condition<NoInfer<D>>[],
  measure: NoInfer<M>,
): NonNullable<IndicatorComputation['computeSpan']> {
  return (data, from, to) => overYears(data, fact, where, measure, from, to);
}

/** A span's yearly average of a flow ("on average 154 cases a year over 2017-2021"). */
export function meanPerYear<D extends string, M extends string>(
  fact: FactDefinition<D, M>,
  where: Condition<NoInfer<D>>[],
  measure: NoInfer<M>,
): NonNullable<IndicatorComputation['computeSpan']> {
  return async (data, from, to) => {
    const total = await overYears(data, fact, where, measure, from, to);
    return total === null ? null : total / (to - from + 1);
  };
}

/** A flow's total over every year up to the one given ("to date, as of 2022"). */
export function cumulativeTo<D extends string, M extends string>(
  fact: FactDefinition<D, M>,
  where: Condition<NoInfer<D>>[],
  measure: NoInfer<M>,
): IndicatorComputation['compute'] {
  return (data, year) => overYears(data, fact, where, measure, null, year);
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
