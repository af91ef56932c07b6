import { checkYears } from '../periods';
import { dimensionEntries, type Condition, type FactDefinition } from '../facts';

/** Filter input values as GraphQL hands them over (an instance of the derived filter class). */
export type FactFilter = Readonly<Record<string, unknown>>;

const isValue = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * The conditions a derived filter input stands for: a list is OR within a field (an empty list
 * matches nothing), fields are AND-ed, a boolean field is an equality, range fields are inclusive.
 * Row lists and aggregates both read filters through here, so a filter means the same everywhere.
 */
export function filterConditions<D extends string>(
  fact: FactDefinition<D>,
  filter: FactFilter | null | undefined,
): Condition<D>[] {
  if (!filter) return [];
  const conditions: Condition<D>[] = [];
  for (const [dimensionKey, dimension] of dimensionEntries(fact)) {
    // The period's values are years: one outside the hub's range is a mistake, not a filter.
    if (dimensionKey === fact.period) {
      if (dimension.filter !== null) {
        const value = filter[dimension.filter];
        checkYears(dimension.filter, ...(Array.isArray(value) ? value : [value]));
      }
      if (dimension.range) {
        checkYears(dimension.range.from, filter[dimension.range.from]);
        checkYears(dimension.range.to, filter[dimension.range.to]);
      }
    }
    if (dimension.filter !== null) {
      const value = filter[dimension.filter];
      if (Array.isArray(value)) {
        conditions.push({ dimension: dimensionKey, op: 'in', values: value.filter(isValue) });
      } else if (isValue(value)) {
        conditions.push({ dimension: dimensionKey, op: 'in', values: [value] });
      }
    }
    if (dimension.range) {
      const from = filter[dimension.range.from];
      const to = filter[dimension.range.to];
      if (isValue(from)) conditions.push({ dimension: dimensionKey, op: 'gte', values: [from] });
      if (isValue(to)) conditions.push({ dimension: dimensionKey, op: 'lte', values: [to] });
    }
  }
  return conditions;
}

/**
 * The shortcut period argument (`year: 2021`) as a condition on the fact's period dimension;
 * BAD_USER_INPUT when it is not a year of the hub's range.
 */
export function periodCondition<D extends string>(
  fact: FactDefinition<D>,
  period: number | null | undefined,
): Condition<D>[] {
  checkYears(fact.periodArgument, period);
  return period === undefined || period === null
    ? []
    : [{ dimension: fact.period, op: 'in', values: [period] }];
}

/** An `IN` condition when the list is given (an empty list matches nothing). */
export function inList<D extends string>(
  dimension: D,
  values: readonly (string | number | boolean)[] | null | undefined,
): Condition<D>[] {
  return values === undefined || values === null ? [] : [{ dimension, op: 'in', values }];
}
