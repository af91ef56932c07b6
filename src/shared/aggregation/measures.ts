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
