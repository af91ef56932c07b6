/**
 * The system of desirable ranges: how many staff in posts subject to geographical distribution
 * each member state "should" have, as a range around a midpoint. Pure arithmetic; the caller
 * supplies the base figure, the scale-of-assessment rates and the populations for one period.
 *
 * Where the rules come from. The system was set by General Assembly resolution 42/220 A (1987)
 * and is applied every year in the Secretary-General's reports on the composition of the
 * Secretariat (e.g. A/76/570, A/77/577). Those reports could not be read from this project's
 * sources, so every rule below is a parameter (seeds/representation) rather than a constant:
 *
 * - Three factors share the base figure: membership 40%, population 5%, contribution 55%.
 *   FAO describes the same formula, copied from the UN Secretariat in 2003
 *   (FAO document K2752, para. 346).
 * - Membership: the same share for every member state.
 * - Contribution: in proportion to the regular-budget scale of assessments.
 * - Population: in proportion to population, as resolution 41/206 C (1986) asked. UNCERTAIN:
 *   which population series the reports use (UN World Population Prospects is assumed).
 * - Range: midpoint ± 15%, at least 4.8 posts either side, upper limit at least 14. The reports'
 *   grade-weighted variant multiplies both floors by a weighting factor: pass
 *   minHalfWidth = 4.8 × w and minUpperLimit = 14 × w for it.
 *
 * Our own choices (not from a source):
 * - Membership and population shares are normalised over the states passed in: pass every
 *   member state for the period (193), not a subset.
 * - The lower limit is clamped at 0 (it never binds with a realistic base figure).
 * - A count exactly on a limit is within the range; zero staff is always UNREPRESENTED.
 *
 * Rounding: published tables show whole posts; how they round could not be confirmed, so values
 * are returned unrounded and a user can recompute and round them as a given report does.
 */

export interface DesirableRangeParameters {
  /** Share of the base figure divided equally among Member States. */
  membershipWeight: number;
  /** Share of the base figure divided in proportion to population. */
  populationWeight: number;
  /** Share of the base figure divided in proportion to the scale of assessments. */
  contributionWeight: number;
  /** Half-width of the range as a fraction of the midpoint (0.15 = ±15%). */
  flexibility: number;
  /** Minimum half-width, in posts. */
  minHalfWidth: number;
  /** Minimum upper limit, in posts. */
  minUpperLimit: number;
}

export const DEFAULT_DESIRABLE_RANGE_PARAMETERS: DesirableRangeParameters = Object.freeze({
  membershipWeight: 0.4,
  populationWeight: 0.05,
  contributionWeight: 0.55,
  flexibility: 0.15,
  minHalfWidth: 4.8,
  minUpperLimit: 14,
});

export interface DesirableRangeInput {
  iso3: string;
  /** Percent of the regular-budget scale, e.g. 22.0 for 22%. */
  assessmentRate: number;
  population: number;
}

export interface DesirableRange {
  iso3: string;
  membershipPosts: number;
  populationPosts: number;
  contributionPosts: number;
  midpoint: number;
  lowerLimit: number;
  upperLimit: number;
}

export type RepresentationStatus =
  'UNREPRESENTED' | 'UNDER_REPRESENTED' | 'WITHIN_RANGE' | 'OVER_REPRESENTED';

/** Sums of decimal weights such as 0.1 + 0.2 + 0.7 are not exactly 1 in floating point. */
const WEIGHT_SUM_TOLERANCE = 1e-9;

/**
 * Limits and midpoints come from floating-point division, so a count that equals one on paper
 * may differ from it in the last bit. This absorbs that noise; it is far below one post.
 */
const COMPARISON_TOLERANCE = 1e-9;

const ISO3_PATTERN = /^[A-Z]{3}$/;

export function computeDesirableRanges(
  baseFigure: number,
  states: readonly DesirableRangeInput[],
  params: DesirableRangeParameters = DEFAULT_DESIRABLE_RANGE_PARAMETERS,
): DesirableRange[] {
  validateParameters(params);
  if (!Number.isFinite(baseFigure) || baseFigure <= 0) {
    throw new RangeError(`baseFigure must be a positive finite number, got ${baseFigure}`);
  }
  validateStates(states);

  const totalRate = sum(states.map((s) => s.assessmentRate));
  const totalPopulation = sum(states.map((s) => s.population));
  if (totalRate <= 0) {
    throw new RangeError('The assessment rates of the states given must not all be zero');
  }
  if (totalPopulation <= 0) {
    throw new RangeError('The populations of the states given must not all be zero');
  }

  const membershipPosts = (params.membershipWeight * baseFigure) / states.length;
  const populationPool = params.populationWeight * baseFigure;
  const contributionPool = params.contributionWeight * baseFigure;

  return states.map((state) => {
    const populationPosts = (populationPool * state.population) / totalPopulation;
    const contributionPosts = (contributionPool * state.assessmentRate) / totalRate;
    const midpoint = membershipPosts + populationPosts + contributionPosts;
    const halfWidth = Math.max(params.flexibility * midpoint, params.minHalfWidth);
    return {
      iso3: state.iso3,
      membershipPosts,
      populationPosts,
      contributionPosts,
      midpoint,
      lowerLimit: Math.max(midpoint - halfWidth, 0),
      upperLimit: Math.max(midpoint + halfWidth, params.minUpperLimit),
    };
  });
}

/** Both limits are inclusive; zero staff is UNREPRESENTED whatever the range. */
export function representationStatus(
  staffCount: number,
  range: DesirableRange,
): RepresentationStatus {
  validateStaffCount(staffCount);
  if (staffCount === 0) return 'UNREPRESENTED';
  if (staffCount < range.lowerLimit - COMPARISON_TOLERANCE) return 'UNDER_REPRESENTED';
  if (staffCount > range.upperLimit + COMPARISON_TOLERANCE) return 'OVER_REPRESENTED';
  return 'WITHIN_RANGE';
}

/** Where a count sits relative to the midpoint; meaningful mostly for WITHIN_RANGE states. */
export function midpointPosition(
  staffCount: number,
  range: DesirableRange,
): 'BELOW' | 'AT' | 'ABOVE' {
  validateStaffCount(staffCount);
  if (Math.abs(staffCount - range.midpoint) <= COMPARISON_TOLERANCE) return 'AT';
  return staffCount < range.midpoint ? 'BELOW' : 'ABOVE';
}

function validateParameters(params: DesirableRangeParameters): void {
  const entries = Object.entries(params) as [keyof DesirableRangeParameters, number][];
  for (const [name, value] of entries) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`Parameter ${name} must be a non-negative finite number, got ${value}`);
    }
  }
  const weightSum = params.membershipWeight + params.populationWeight + params.contributionWeight;
  if (Math.abs(weightSum - 1) > WEIGHT_SUM_TOLERANCE) {
    throw new RangeError(
      `membershipWeight + populationWeight + contributionWeight must sum to 1, got ${weightSum}`,
    );
  }
}

function validateStates(states: readonly DesirableRangeInput[]): void {
  if (states.length === 0) {
    throw new RangeError('At least one state is needed to compute desirable ranges');
  }
  const seen = new Set<string>();
  for (const state of states) {
    if (!ISO3_PATTERN.test(state.iso3)) {
      throw new RangeError(`iso3 must be three capital letters, got "${state.iso3}"`);
    }
    if (seen.has(state.iso3)) {
      // A duplicate would take two membership shares and skew every normalised share.
      throw new RangeError(`State ${state.iso3} is listed more than once`);
    }
    seen.add(state.iso3);
    if (!Number.isFinite(state.assessmentRate) || state.assessmentRate < 0) {
      throw new RangeError(
        `assessmentRate of ${state.iso3} must be a non-negative finite number, got ${state.assessmentRate}`,
      );
    }
    if (!Number.isFinite(state.population) || state.population < 0) {
      throw new RangeError(
        `population of ${state.iso3} must be a non-negative finite number, got ${state.population}`,
      );
    }
  }
}

function validateStaffCount(staffCount: number): void {
  // Not required to be an integer: grade-weighted counts (points) are fractional.
  if (!Number.isFinite(staffCount) || staffCount < 0) {
    throw new RangeError(`staffCount must be a non-negative finite number, got ${staffCount}`);
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
