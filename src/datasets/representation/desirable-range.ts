/**
 * The system of desirable ranges: how many staff in posts subject to geographical distribution
 * each Member State "should" have, as a range around a midpoint. Pure arithmetic; the caller
 * supplies the base figure, the scale-of-assessment rates and the populations for one period.
 *
 * Rules and where they come from. The Secretary-General's reports ("Composition of the
 * Secretariat", e.g. A/76/570, A/77/577) were not readable through our sources, so each rule is
 * cited to what we could read, and every number below is a parameter, not a constant:
 *
 * - Three factors sharing the base figure: membership 40%, population 5%, contribution 55%.
 *   Confirmed by FAO's account of the formula it copied from the UN Secretariat in 2003
 *   (https://fao.org/4/k2752f/K2752f14.htm, para. 346) and by UN-document sentences held in
 *   translation corpora (membership weight "40 per cent of the base figure":
 *   https://tr-ex.me/translation/chinese-english/%E4%BC%9A%E7%B1%8D%E5%9B%A0%E7%B4%A0).
 *   Originally set by GA resolution 42/220 A (1987); we did not read that text itself.
 * - Membership factor: its share is the same for every Member State (same tr-ex source).
 * - Contribution factor: its share is split in proportion to the regular-budget scale of
 *   assessments (UN sentence pairs at https://ar.ichacha.net/chinese.aspx?l=zh&q=
 *   %D8%B9%D8%A7%D9%85%D9%84+%D8%A7%D9%84%D8%A7%D8%B4%D8%AA%D8%B1%D8%A7%D9%83%D8%A7%D8%AA).
 * - Population factor: split in proportion to population. This is how GA resolution 41/206 C
 *   (1986) asked for it to be done (https://digitallibrary.un.org/record/192393), and it is how
 *   FAO describes the UN formula. UNCERTAIN: we did not see the 42/220 A wording or say which
 *   population series the reports use (UN World Population Prospects is assumed).
 * - Range: midpoint ± 15%, but at least 4.8 posts either side, and the upper limit at least 14.
 *   Confirmed by UN report sentences about the grade-weighted table, where both floors are
 *   multiplied by the weighting factor ("4.8 × 86.37", "14 × 86.37"), at
 *   http://ting.esdict.cn/dicts/es/%E5%90%91%E4%B8%8B and
 *   https://ar.ichacha.net/chinese.aspx?l=zh&p=5&q=%E4%BC%9A%E7%B1%8D%E5%9B%A0%E7%B4%A0.
 *   For that weighted variant, pass minHalfWidth = 4.8 × w and minUpperLimit = 14 × w.
 *
 * Our own choices (none confirmed by a source):
 * - The membership and population shares are normalised over the states passed in. So pass
 *   every Member State for the period (193), not a subset, or the shares will not match the UN's.
 * - The lower limit is clamped at 0, because a negative staff count means nothing. With a base
 *   figure of a few thousand posts and 193 states, the membership share alone is over 6 posts,
 *   so every midpoint exceeds 4.8 and the clamp never applies to real inputs.
 * - A staff count exactly on a limit counts as within the range.
 *
 * Rounding: published tables show ranges in whole posts, but we could not confirm how they
 * round (to nearest, or down/up). We return unrounded values so a user can redo the arithmetic
 * by hand and round however a given report does.
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
