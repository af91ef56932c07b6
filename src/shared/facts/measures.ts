import type { CellValues, Compute } from './aggregate.definition';

/**
 * Measure helpers shared by every dataset. A measure reads counts and magnitudes through
 * `CellValues`, so it is computed from the values the caller may see (perturbed components for
 * protected roles) and the engine knows which counts it rests on. Each helper declares what it
 * reads, so a query computes (and selects in SQL) only the inputs of the measures it asked for.
 */
function compute(
  fn: (v: CellValues) => number | null,
  counts: readonly string[],
  magnitudes: readonly string[] = [],
): Compute {
  return Object.assign(fn, { counts, magnitudes });
}

export const count = (name: string): Compute => compute((v) => v.count(name), [name]);

export const magnitude = (name: string): Compute => compute((v) => v.magnitude(name), [], [name]);

/** Another measure's value rounded to an integer (a sum of perturbed magnitudes, say). */
export const rounded = (inner: Compute): Compute =>
  compute(
    (v) => {
      const value = inner(v);
      return value === null ? null : Math.round(value);
    },
    inner.counts,
    inner.magnitudes,
  );

/**
 * part / whole × scale, at most the whole (perturbed parts can add up to a little more than their
 * perturbed whole); null when the whole is 0.
 */
const boundedShare = (part: number, whole: number, scale: number): number | null =>
  whole > 0 ? Math.min(scale, Math.max(0, (part / whole) * scale)) : null;

/** part / whole × scale, over counts (null when the whole is 0). */
export const share = (part: string, whole: string, scale = 100): Compute =>
  compute((v) => boundedShare(v.count(part), v.count(whole), scale), [part, whole]);

/** A magnitude per unit of a count (mean age, mean days). */
export const mean = (magnitudeName: string, countName: string): Compute =>
  compute(
    (v) => {
      const denominator = v.count(countName);
      return denominator > 0 ? v.magnitude(magnitudeName) / denominator : null;
    },
    [countName],
    [magnitudeName],
  );

/** One magnitude as a share of another (women's share of applications). */
export const magnitudeShare = (part: string, whole: string, scale = 100): Compute =>
  compute((v) => boundedShare(v.magnitude(part), v.magnitude(whole), scale), [], [part, whole]);

/**
 * Bins for a grouped median: the count of units whose value is at most each limit, in ascending
 * order (`closedWithin7`, `closedWithin14`, ...), declared as counts of the fact.
 */
export interface MedianBins {
  /** Count name for the units at or under `limit`. */
  countAtMost: (limit: number) => string;
  limits: readonly number[];
}

/** `limits` every `width` up to `last`: 7, 14, ..., 728. */
export function evenBins(width: number, last: number, name: (limit: number) => string): MedianBins {
  const limits = Array.from({ length: Math.floor(last / width) }, (_, i) => (i + 1) * width);
  return { countAtMost: name, limits };
}

/**
 * The median of grouped data: the value where the cumulative count reaches half of `whole`,
 * interpolated linearly within that bin (the statistician's median of a frequency table). Its
 * precision is the bin width; it reads only counts, so a protected role's median is computed from
 * perturbed counts like every other measure. Null when half is not reached within the last limit
 * (or there are no units). A cumulative count perturbed below the previous one is read as the
 * previous one.
 */
export const groupedMedian = (whole: string, bins: MedianBins): Compute =>
  compute(
    (v) => {
      const total = v.count(whole);
      if (total <= 0) return null;
      const half = total / 2;
      let lower = 0;
      let below = 0;
      for (const limit of bins.limits) {
        const atMost = Math.max(below, v.count(bins.countAtMost(limit)));
        if (atMost >= half) {
          const inBin = atMost - below;
          return inBin > 0 ? lower + ((half - below) / inBin) * (limit - lower) : limit;
        }
        lower = limit;
        below = atMost;
      }
      return null;
    },
    [whole, ...bins.limits.map((limit) => bins.countAtMost(limit))],
  );
