import type { Condition } from './aggregate.definition';

/** Measure helpers shared by every dataset. */
export const ratio =
  (numerator: string, denominator: string, scale = 1) =>
  (a: Readonly<Record<string, number>>): number | null =>
    a[denominator] > 0 ? (a[numerator] / a[denominator]) * scale : null;

export const total =
  (alias: string) =>
  (a: Readonly<Record<string, number>>): number =>
    a[alias];

export const difference =
  (minuend: string, subtrahend: string) =>
  (a: Readonly<Record<string, number>>): number =>
    a[minuend] - a[subtrahend];

/** An `IN` condition when the filter list is given (an empty list matches nothing). */
export function inList<D extends string>(
  dimension: D,
  values: readonly (string | number | boolean)[] | null | undefined,
): Condition<D>[] {
  return values === undefined || values === null ? [] : [{ dimension, op: 'in', values }];
}

/** An equality condition for an optional boolean filter. */
export function isFlag<D extends string>(
  dimension: D,
  value: boolean | null | undefined,
): Condition<D>[] {
  return value === undefined || value === null ? [] : [{ dimension, op: 'in', values: [value] }];
}
