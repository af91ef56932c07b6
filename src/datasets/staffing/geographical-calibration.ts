import type { Random } from '../../shared/generator';
import {
  computeDesirableRanges,
  representationStatus,
  type DesirableRange,
  type DesirableRangeInput,
  type DesirableRangeParameters,
  type RepresentationStatus,
} from './desirable-range';

/**
 * Numbers of member states by status that the synthetic staffing data reproduces.
 * Published (A/77/590/Add.1 para 3): 2017 103 / 44 / 19 / 27; 2019 within 108 (peak) and
 * under-represented 34 (lowest); 2021 106 / 36 / 21 / 30. The other figures are assumptions
 * that keep the series smooth and add up to 193.
 */
export const STATUS_PLAN: Readonly<Record<number, Readonly<Record<RepresentationStatus, number>>>> =
  {
    2016: { WITHIN_RANGE: 102, UNDER_REPRESENTED: 45, UNREPRESENTED: 19, OVER_REPRESENTED: 27 },
    2017: { WITHIN_RANGE: 103, UNDER_REPRESENTED: 44, UNREPRESENTED: 19, OVER_REPRESENTED: 27 },
    2018: { WITHIN_RANGE: 105, UNDER_REPRESENTED: 40, UNREPRESENTED: 19, OVER_REPRESENTED: 29 },
    2019: { WITHIN_RANGE: 108, UNDER_REPRESENTED: 34, UNREPRESENTED: 20, OVER_REPRESENTED: 31 },
    2020: { WITHIN_RANGE: 107, UNDER_REPRESENTED: 35, UNREPRESENTED: 20, OVER_REPRESENTED: 31 },
    2021: { WITHIN_RANGE: 106, UNDER_REPRESENTED: 36, UNREPRESENTED: 21, OVER_REPRESENTED: 30 },
    2022: { WITHIN_RANGE: 106, UNDER_REPRESENTED: 36, UNREPRESENTED: 21, OVER_REPRESENTED: 30 },
  };

/** A staff member in one year, as the calibration sees them. */
export interface CalibrationRecord<P> {
  person: P;
  nationality: string;
  /** In a post that can be subject to geographical distribution this year (P, non-mission, not USG/ASG). */
  eligible: boolean;
  /** Young Professionals Programme recruits always count. */
  ypp: boolean;
}

export interface CalibrationYear<P> {
  year: number;
  records: CalibrationRecord<P>[];
  inputs: readonly DesirableRangeInput[];
  parameters: DesirableRangeParameters;
}

export interface CalibrationResult<P> {
  /** Per year, the people to flag as serving in a geographical post. */
  flagged: Map<number, Set<P>>;
  /** Per year, the statuses the flags produce (for the generator's own check). */
  achieved: Map<number, Record<RepresentationStatus, number>>;
}

/** Share of eligible staff in posts subject to geographical distribution (the base figure). */
const GEOGRAPHICAL_SHARE = 0.36;
const EPSILON = 1e-6;

interface Bounds {
  lo: number;
  hi: number;
}

/**
 * Chooses, for every year, which eligible staff serve in geographical posts so that the
 * desirable-range statuses computed from the data match STATUS_PLAN. Nationality is a person's
 * own and never changes; whether their post is geographical is decided per year.
 *
 * Per year: a base figure is chosen; states are assigned a planned status (the smallest pools
 * unrepresented, the highest pool-to-midpoint ratios over-represented, the lowest under-
 * represented); each state gets a count inside the bounds its status allows; counts are nudged
 * until they add up to the base figure, which is then recomputed, until a fixed point. At small
 * scales the plan may be infeasible: the result is then the closest found, reported in `achieved`.
 */
export function calibrateGeographicalPosts<P>(
  years: CalibrationYear<P>[],
  random: Random,
): CalibrationResult<P> {
  const flagged = new Map<number, Set<P>>();
  const achieved = new Map<number, Record<RepresentationStatus, number>>();
  let previous = new Set<P>();
  for (const year of years) {
    const plan = STATUS_PLAN[year.year];
    const counts = plan ? planCounts(year, plan) : null;
    const chosen = new Set<P>();
    if (counts) {
      const byNationality = new Map<string, CalibrationRecord<P>[]>();
      for (const r of year.records)
        byNationality.set(r.nationality, [...(byNationality.get(r.nationality) ?? []), r]);
      for (const [iso3, target] of counts) {
        const people = byNationality.get(iso3) ?? [];
        let needed = target - people.filter((r) => r.ypp).length;
        const candidates = people.filter((r) => r.eligible && !r.ypp);
        // Those in a geographical post last year keep it first, so flags are stable over time.
        const ordered = [
          ...random.shuffle(candidates.filter((r) => previous.has(r.person))),
          ...random.shuffle(candidates.filter((r) => !previous.has(r.person))),
        ];
        for (const record of ordered) {
          if (needed <= 0) break;
          chosen.add(record.person);
          needed -= 1;
        }
      }
    }
    flagged.set(year.year, chosen);
    achieved.set(year.year, tally(year, chosen));
    previous = chosen;
  }
  return { flagged, achieved };
}

function pools<P>(year: CalibrationYear<P>): {
  pool: Map<string, number>;
  ypp: Map<string, number>;
} {
  const pool = new Map<string, number>();
  const ypp = new Map<string, number>();
  for (const state of year.inputs) {
    pool.set(state.iso3, 0);
    ypp.set(state.iso3, 0);
  }
  for (const r of year.records) {
    if (!pool.has(r.nationality)) continue;
    if (r.ypp) ypp.set(r.nationality, (ypp.get(r.nationality) ?? 0) + 1);
    if (r.eligible || r.ypp) pool.set(r.nationality, (pool.get(r.nationality) ?? 0) + 1);
  }
  return { pool, ypp };
}

function planCounts<P>(
  year: CalibrationYear<P>,
  plan: Readonly<Record<RepresentationStatus, number>>,
): Map<string, number> {
  const { pool, ypp } = pools(year);
  const totalPool = [...pool.values()].reduce((a, b) => a + b, 0);
  let base = Math.max(1, Math.round(totalPool * GEOGRAPHICAL_SHARE));
  let ranges = rangeMap(computeDesirableRanges(base, year.inputs, year.parameters));
  const status = assignStatuses(year.inputs, ranges, pool, ypp, plan);
  let counts = new Map<string, number>();
  for (let iteration = 0; iteration < 60; iteration++) {
    const bounds = new Map<string, Bounds>();
    for (const state of year.inputs) {
      bounds.set(
        state.iso3,
        boundsFor(
          status.get(state.iso3) ?? 'WITHIN_RANGE',
          ranges.get(state.iso3)!,
          pool.get(state.iso3) ?? 0,
          ypp.get(state.iso3) ?? 0,
        ),
      );
    }
    counts = initialCounts(year.inputs, ranges, bounds, status, counts);
    adjustTotal(counts, bounds, status, base);
    const sum = [...counts.values()].reduce((a, b) => a + b, 0);
    const nextRanges = rangeMap(
      computeDesirableRanges(Math.max(1, sum), year.inputs, year.parameters),
    );
    const consistent = year.inputs.every(
      (s) =>
        representationStatus(counts.get(s.iso3) ?? 0, nextRanges.get(s.iso3)!) ===
        status.get(s.iso3),
    );
    if (sum === base && consistent) break;
    base = Math.max(1, sum);
    ranges = nextRanges;
  }
  return counts;
}

const rangeMap = (ranges: DesirableRange[]) => new Map(ranges.map((r) => [r.iso3, r]));

function assignStatuses(
  inputs: readonly DesirableRangeInput[],
  ranges: Map<string, DesirableRange>,
  pool: Map<string, number>,
  ypp: Map<string, number>,
  plan: Readonly<Record<RepresentationStatus, number>>,
): Map<string, RepresentationStatus> {
  const status = new Map<string, RepresentationStatus>();
  const ratio = (iso3: string) => (pool.get(iso3) ?? 0) / ranges.get(iso3)!.midpoint;
  const free = () => inputs.map((s) => s.iso3).filter((iso3) => !status.has(iso3));
  const take = (n: number, candidates: string[], as: RepresentationStatus) =>
    candidates.slice(0, n).forEach((iso3) => status.set(iso3, as));
  // Unrepresented: the smallest pools among states without YPP recruits.
  take(
    plan.UNREPRESENTED,
    free()
      .filter((iso3) => (ypp.get(iso3) ?? 0) === 0)
      .sort((a, b) => (pool.get(a) ?? 0) - (pool.get(b) ?? 0) || a.localeCompare(b)),
    'UNREPRESENTED',
  );
  // Over-represented: the highest ratios among states whose pool can exceed the upper limit.
  take(
    plan.OVER_REPRESENTED,
    free()
      .filter(
        (iso3) => (pool.get(iso3) ?? 0) >= Math.floor(ranges.get(iso3)!.upperLimit + EPSILON) + 1,
      )
      .sort((a, b) => ratio(b) - ratio(a) || a.localeCompare(b)),
    'OVER_REPRESENTED',
  );
  // Under-represented: the lowest ratios among states whose lower limit leaves room below it.
  take(
    plan.UNDER_REPRESENTED,
    free()
      .filter((iso3) => ranges.get(iso3)!.lowerLimit > 1 + EPSILON && (pool.get(iso3) ?? 0) >= 1)
      .filter((iso3) => (ypp.get(iso3) ?? 0) < Math.ceil(ranges.get(iso3)!.lowerLimit - EPSILON))
      .sort((a, b) => ratio(a) - ratio(b) || a.localeCompare(b)),
    'UNDER_REPRESENTED',
  );
  for (const iso3 of free()) status.set(iso3, 'WITHIN_RANGE');
  return status;
}

function boundsFor(
  status: RepresentationStatus,
  range: DesirableRange,
  pool: number,
  ypp: number,
): Bounds {
  const lowest = Math.max(0, Math.ceil(range.lowerLimit + EPSILON));
  const highest = Math.floor(range.upperLimit - EPSILON);
  const clamp = (lo: number, hi: number): Bounds => {
    const top = Math.min(hi, pool);
    const bottom = Math.max(lo, ypp);
    return bottom <= top ? { lo: bottom, hi: top } : { lo: top, hi: top };
  };
  switch (status) {
    case 'UNREPRESENTED':
      return { lo: 0, hi: 0 };
    case 'UNDER_REPRESENTED':
      return clamp(1, Math.ceil(range.lowerLimit - EPSILON) - 1);
    case 'WITHIN_RANGE':
      return clamp(Math.max(1, lowest), highest);
    case 'OVER_REPRESENTED':
      return clamp(Math.floor(range.upperLimit + EPSILON) + 1, Number.MAX_SAFE_INTEGER);
  }
}

function initialCounts(
  inputs: readonly DesirableRangeInput[],
  ranges: Map<string, DesirableRange>,
  bounds: Map<string, Bounds>,
  status: Map<string, RepresentationStatus>,
  previous: Map<string, number>,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { iso3 } of inputs) {
    const b = bounds.get(iso3)!;
    const range = ranges.get(iso3)!;
    const wanted =
      previous.get(iso3) ??
      (status.get(iso3) === 'UNDER_REPRESENTED'
        ? Math.floor(range.lowerLimit * 0.7)
        : status.get(iso3) === 'OVER_REPRESENTED'
          ? Math.floor(range.upperLimit * 1.15) + 1
          : Math.round(range.midpoint));
    counts.set(iso3, Math.min(b.hi, Math.max(b.lo, wanted)));
  }
  return counts;
}

/** Moves counts within their bounds until they add up to `target` (or no more room). */
function adjustTotal(
  counts: Map<string, number>,
  bounds: Map<string, Bounds>,
  status: Map<string, RepresentationStatus>,
  target: number,
): void {
  let diff = target - [...counts.values()].reduce((a, b) => a + b, 0);
  // Over-represented and within-range states absorb the difference, largest room first.
  const order = [...counts.keys()].filter(
    (iso3) => status.get(iso3) === 'WITHIN_RANGE' || status.get(iso3) === 'OVER_REPRESENTED',
  );
  while (diff !== 0) {
    const step = diff > 0 ? 1 : -1;
    const movable = order.filter((iso3) => {
      const value = counts.get(iso3)!;
      const b = bounds.get(iso3)!;
      return step > 0 ? value < b.hi : value > b.lo;
    });
    if (movable.length === 0) return;
    for (const iso3 of movable) {
      if (diff === 0) break;
      counts.set(iso3, counts.get(iso3)! + step);
      diff -= step;
    }
  }
}

function tally<P>(year: CalibrationYear<P>, chosen: Set<P>): Record<RepresentationStatus, number> {
  const counts = new Map<string, number>(year.inputs.map((s) => [s.iso3, 0]));
  for (const r of year.records) {
    if ((r.ypp || chosen.has(r.person)) && counts.has(r.nationality)) {
      counts.set(r.nationality, counts.get(r.nationality)! + 1);
    }
  }
  const base = [...counts.values()].reduce((a, b) => a + b, 0);
  const result: Record<RepresentationStatus, number> = {
    WITHIN_RANGE: 0,
    UNDER_REPRESENTED: 0,
    UNREPRESENTED: 0,
    OVER_REPRESENTED: 0,
  };
  if (base === 0) return { ...result, UNREPRESENTED: year.inputs.length };
  const ranges = rangeMap(computeDesirableRanges(base, year.inputs, year.parameters));
  for (const [iso3, count] of counts) result[representationStatus(count, ranges.get(iso3)!)] += 1;
  return result;
}
