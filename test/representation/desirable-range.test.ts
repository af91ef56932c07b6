import {
  computeDesirableRanges,
  DEFAULT_DESIRABLE_RANGE_PARAMETERS,
  DesirableRange,
  DesirableRangeInput,
  midpointPosition,
  representationStatus,
} from '../../src/datasets/staffing/desirable-range';

/*
 * Fixture: ten states with ISO user-assigned codes (X..) and made-up figures, NOT real data.
 * The rates sum to 100.000 and the populations to 1,000,000,000 so the shares are easy by hand.
 * Base figure 200, default weights:
 *   membership   0.40 × 200 = 80 posts, / 10 states      = 8 posts each
 *   population   0.05 × 200 = 10 posts, × population / 1e9
 *   contribution 0.55 × 200 = 110 posts, × rate / 100    = 1.1 × rate
 */
const BASE_FIGURE = 200;
const STATES: readonly DesirableRangeInput[] = [
  { iso3: 'XLG', assessmentRate: 22.0, population: 300_000_000 },
  { iso3: 'XMN', assessmentRate: 0.001, population: 10_000 },
  { iso3: 'XAA', assessmentRate: 20.0, population: 200_000_000 },
  { iso3: 'XBB', assessmentRate: 15.0, population: 150_000_000 },
  { iso3: 'XCC', assessmentRate: 12.0, population: 100_000_000 },
  { iso3: 'XDD', assessmentRate: 10.0, population: 90_000_000 },
  { iso3: 'XEE', assessmentRate: 9.0, population: 80_000_000 },
  { iso3: 'XFF', assessmentRate: 6.999, population: 49_990_000 },
  { iso3: 'XGG', assessmentRate: 4.0, population: 20_000_000 },
  { iso3: 'XHH', assessmentRate: 1.0, population: 10_000_000 },
];

const PRECISION = 9;

function rangeOf(iso3: string, ranges: readonly DesirableRange[]): DesirableRange {
  const range = ranges.find((r) => r.iso3 === iso3);
  if (!range) throw new Error(`No range for ${iso3}`);
  return range;
}

function expectRange(actual: DesirableRange, expected: Omit<DesirableRange, 'iso3'>): void {
  expect(actual.membershipPosts).toBeCloseTo(expected.membershipPosts, PRECISION);
  expect(actual.populationPosts).toBeCloseTo(expected.populationPosts, PRECISION);
  expect(actual.contributionPosts).toBeCloseTo(expected.contributionPosts, PRECISION);
  expect(actual.midpoint).toBeCloseTo(expected.midpoint, PRECISION);
  expect(actual.lowerLimit).toBeCloseTo(expected.lowerLimit, PRECISION);
  expect(actual.upperLimit).toBeCloseTo(expected.upperLimit, PRECISION);
}

/** A range written by hand, for boundary tests that need exact limits. */
function handRange(lowerLimit: number, midpoint: number, upperLimit: number): DesirableRange {
  return {
    iso3: 'XZZ',
    membershipPosts: 0,
    populationPosts: 0,
    contributionPosts: midpoint,
    midpoint,
    lowerLimit,
    upperLimit,
  };
}

describe('representation > desirable range > defaults', () => {
  it('are the weights and floors of the UN system, and cannot be changed in place', () => {
    expect(DEFAULT_DESIRABLE_RANGE_PARAMETERS).toEqual({
      membershipWeight: 0.4,
      populationWeight: 0.05,
      contributionWeight: 0.55,
      flexibility: 0.15,
      minHalfWidth: 4.8,
      minUpperLimit: 14,
    });
    expect(Object.isFrozen(DEFAULT_DESIRABLE_RANGE_PARAMETERS)).toBe(true);
  });
});

describe('representation > desirable range > large contributor', () => {
  it('uses ±15% of the midpoint when that is wider than 4.8 posts', () => {
    // XLG: population 10 × 0.3 = 3; contribution 1.1 × 22 = 24.2
    // midpoint 8 + 3 + 24.2 = 35.2; half-width max(0.15 × 35.2 = 5.28, 4.8) = 5.28
    // range 35.2 − 5.28 = 29.92 .. 35.2 + 5.28 = 40.48 (above the 14 floor)
    const xlg = rangeOf('XLG', computeDesirableRanges(BASE_FIGURE, STATES));
    expectRange(xlg, {
      membershipPosts: 8,
      populationPosts: 3,
      contributionPosts: 24.2,
      midpoint: 35.2,
      lowerLimit: 29.92,
      upperLimit: 40.48,
    });
  });
});

describe('representation > desirable range > floors', () => {
  it('applies both floors to a minimum contributor with a tiny population', () => {
    // XMN: population 10 × 10,000 / 1e9 = 0.0001; contribution 1.1 × 0.001 = 0.0011
    // midpoint 8 + 0.0001 + 0.0011 = 8.0012
    // half-width max(0.15 × 8.0012 = 1.20018, 4.8) = 4.8  -> half-width floor applies
    // lower 8.0012 − 4.8 = 3.2012; upper max(8.0012 + 4.8 = 12.8012, 14) = 14 -> upper floor
    const xmn = rangeOf('XMN', computeDesirableRanges(BASE_FIGURE, STATES));
    expectRange(xmn, {
      membershipPosts: 8,
      populationPosts: 0.0001,
      contributionPosts: 0.0011,
      midpoint: 8.0012,
      lowerLimit: 3.2012,
      upperLimit: 14,
    });
  });

  it('applies only the 4.8-post floor when the upper limit is already above 14', () => {
    // XGG: population 10 × 0.02 = 0.2; contribution 1.1 × 4 = 4.4; midpoint 12.6
    // half-width max(1.89, 4.8) = 4.8; range 7.8 .. 17.4
    const xgg = rangeOf('XGG', computeDesirableRanges(BASE_FIGURE, STATES));
    expect(xgg.midpoint).toBeCloseTo(12.6, PRECISION);
    expect(xgg.lowerLimit).toBeCloseTo(7.8, PRECISION);
    expect(xgg.upperLimit).toBeCloseTo(17.4, PRECISION);
  });

  it('never gives a negative lower limit', () => {
    // Base 4, two equal states: membership 0.8, population 0.1, contribution 1.1 -> midpoint 2
    // 2 − 4.8 = −2.8 is clamped to 0; upper max(6.8, 14) = 14
    const [a] = computeDesirableRanges(4, [
      { iso3: 'XAA', assessmentRate: 1, population: 1 },
      { iso3: 'XBB', assessmentRate: 1, population: 1 },
    ]);
    expect(a?.midpoint).toBeCloseTo(2, PRECISION);
    expect(a?.lowerLimit).toBe(0);
    expect(a?.upperLimit).toBe(14);
  });

  it('takes the floors as parameters, e.g. for the grade-weighted variant', () => {
    // Weighted tables scale both floors by the weighting factor w (4.8 × w, 14 × w); w = 10 here.
    // XMN midpoint 8.0012: lower max(8.0012 − 48, 0) = 0; upper max(56.0012, 140) = 140
    const params = { ...DEFAULT_DESIRABLE_RANGE_PARAMETERS, minHalfWidth: 48, minUpperLimit: 140 };
    const xmn = rangeOf('XMN', computeDesirableRanges(BASE_FIGURE, STATES, params));
    expect(xmn.lowerLimit).toBe(0);
    expect(xmn.upperLimit).toBe(140);
  });
});

describe('representation > desirable range > shares', () => {
  it('sums the midpoints to the base figure, and each factor to its weight', () => {
    const ranges = computeDesirableRanges(BASE_FIGURE, STATES);
    const total = (pick: (r: DesirableRange) => number): number =>
      ranges.reduce((acc, r) => acc + pick(r), 0);
    expect(total((r) => r.midpoint)).toBeCloseTo(200, PRECISION);
    expect(total((r) => r.membershipPosts)).toBeCloseTo(80, PRECISION);
    expect(total((r) => r.populationPosts)).toBeCloseTo(10, PRECISION);
    expect(total((r) => r.contributionPosts)).toBeCloseTo(110, PRECISION);
  });

  it('normalises rates and populations over the states given', () => {
    // Base 100, rates 1 and 3 (sum 4, not 100), populations 1 and 3.
    // membership 40 / 2 = 20 each; population 5 × ¼ = 1.25 and 5 × ¾ = 3.75;
    // contribution 55 × ¼ = 13.75 and 55 × ¾ = 41.25
    // midpoints 35 and 65; ranges 35 ± 5.25 = 29.75..40.25, 65 ± 9.75 = 55.25..74.75
    const [a, b] = computeDesirableRanges(100, [
      { iso3: 'XAA', assessmentRate: 1, population: 1 },
      { iso3: 'XBB', assessmentRate: 3, population: 3 },
    ]);
    expect(a?.midpoint).toBeCloseTo(35, PRECISION);
    expect(a?.lowerLimit).toBeCloseTo(29.75, PRECISION);
    expect(a?.upperLimit).toBeCloseTo(40.25, PRECISION);
    expect(b?.midpoint).toBeCloseTo(65, PRECISION);
    expect(b?.lowerLimit).toBeCloseTo(55.25, PRECISION);
    expect(b?.upperLimit).toBeCloseTo(74.75, PRECISION);
  });

  it('returns one range per state, in input order', () => {
    const ranges = computeDesirableRanges(BASE_FIGURE, STATES);
    expect(ranges.map((r) => r.iso3)).toEqual(STATES.map((s) => s.iso3));
  });

  it('takes the flexibility as a parameter', () => {
    // XLG midpoint 35.2 with ±20%: half-width 7.04; range 28.16 .. 42.24
    const params = { ...DEFAULT_DESIRABLE_RANGE_PARAMETERS, flexibility: 0.2 };
    const xlg = rangeOf('XLG', computeDesirableRanges(BASE_FIGURE, STATES, params));
    expect(xlg.lowerLimit).toBeCloseTo(28.16, PRECISION);
    expect(xlg.upperLimit).toBeCloseTo(42.24, PRECISION);
  });
});

describe('representation > desirable range > status', () => {
  const ranges = computeDesirableRanges(BASE_FIGURE, STATES);
  const xmn = rangeOf('XMN', ranges); // 3.2012 .. 14
  const xgg = rangeOf('XGG', ranges); // 7.8 .. 17.4

  it('calls a state with no staff UNREPRESENTED', () => {
    expect(representationStatus(0, xgg)).toBe('UNREPRESENTED');
  });

  it('calls zero staff UNREPRESENTED even when the lower limit is 0', () => {
    expect(representationStatus(0, handRange(0, 2, 14))).toBe('UNREPRESENTED');
  });

  it('classifies counts below, inside and above the range', () => {
    expect(representationStatus(3, xmn)).toBe('UNDER_REPRESENTED'); // 3 < 3.2012
    expect(representationStatus(4, xmn)).toBe('WITHIN_RANGE');
    expect(representationStatus(15, xmn)).toBe('OVER_REPRESENTED'); // 15 > 14
    expect(representationStatus(7, xgg)).toBe('UNDER_REPRESENTED'); // 7 < 7.8
    expect(representationStatus(18, xgg)).toBe('OVER_REPRESENTED'); // 18 > 17.4
  });

  it('treats both limits as inclusive', () => {
    // Computed: XMN's upper limit is exactly the 14-post floor.
    expect(representationStatus(14, xmn)).toBe('WITHIN_RANGE');
    // By hand: limits 10 and 20.
    const range = handRange(10, 15, 20);
    expect(representationStatus(10, range)).toBe('WITHIN_RANGE');
    expect(representationStatus(20, range)).toBe('WITHIN_RANGE');
    expect(representationStatus(9, range)).toBe('UNDER_REPRESENTED');
    expect(representationStatus(21, range)).toBe('OVER_REPRESENTED');
  });

  it('treats a computed limit equal to a count on paper as equal', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; 0.3 must still sit on the limit.
    const range = handRange(0.1 + 0.2, 1, 2);
    expect(representationStatus(0.3, range)).toBe('WITHIN_RANGE');
  });

  it('rejects negative or non-finite staff counts', () => {
    expect(() => representationStatus(-1, xmn)).toThrow(RangeError);
    expect(() => representationStatus(Number.NaN, xmn)).toThrow(RangeError);
    expect(() => midpointPosition(Number.POSITIVE_INFINITY, xmn)).toThrow(RangeError);
  });
});

describe('representation > desirable range > midpoint position', () => {
  const ranges = computeDesirableRanges(BASE_FIGURE, STATES);
  const xlg = rangeOf('XLG', ranges); // midpoint 35.2

  it('says whether a count is below, at or above the midpoint', () => {
    expect(midpointPosition(35, xlg)).toBe('BELOW');
    expect(midpointPosition(36, xlg)).toBe('ABOVE');
    expect(midpointPosition(30, handRange(25, 30, 35))).toBe('AT');
  });

  it('absorbs floating-point noise in the midpoint', () => {
    expect(midpointPosition(0.3, handRange(0, 0.1 + 0.2, 1))).toBe('AT');
  });
});

describe('representation > desirable range > validation', () => {
  const one: DesirableRangeInput[] = [{ iso3: 'XAA', assessmentRate: 1, population: 1 }];

  it('rejects weights that do not sum to 1', () => {
    const params = { ...DEFAULT_DESIRABLE_RANGE_PARAMETERS, contributionWeight: 0.5 };
    expect(() => computeDesirableRanges(100, one, params)).toThrow(RangeError);
    expect(() => computeDesirableRanges(100, one, params)).toThrow(/sum to 1/);
  });

  it('accepts weights that sum to 1 within 1e-9', () => {
    // 0.1 + 0.2 + 0.7 is 1.0000000000000002 in floating point.
    const noisy = {
      ...DEFAULT_DESIRABLE_RANGE_PARAMETERS,
      membershipWeight: 0.1,
      populationWeight: 0.2,
      contributionWeight: 0.7,
    };
    expect(() => computeDesirableRanges(100, one, noisy)).not.toThrow();
    const off = { ...DEFAULT_DESIRABLE_RANGE_PARAMETERS, contributionWeight: 0.55 + 2e-9 };
    expect(() => computeDesirableRanges(100, one, off)).toThrow(RangeError);
  });

  it('rejects a negative weight even if the sum is 1', () => {
    const params = {
      ...DEFAULT_DESIRABLE_RANGE_PARAMETERS,
      membershipWeight: 0.5,
      populationWeight: -0.05,
    };
    expect(() => computeDesirableRanges(100, one, params)).toThrow(/populationWeight/);
  });

  it('rejects negative or non-finite floors and flexibility', () => {
    for (const override of [
      { flexibility: -0.15 },
      { minHalfWidth: Number.NaN },
      { minUpperLimit: Number.POSITIVE_INFINITY },
    ]) {
      const params = { ...DEFAULT_DESIRABLE_RANGE_PARAMETERS, ...override };
      expect(() => computeDesirableRanges(100, one, params)).toThrow(RangeError);
    }
  });

  it('rejects a base figure that is not a positive finite number', () => {
    expect(() => computeDesirableRanges(-1, one)).toThrow(/baseFigure/);
    expect(() => computeDesirableRanges(0, one)).toThrow(/baseFigure/);
    expect(() => computeDesirableRanges(Number.NaN, one)).toThrow(/baseFigure/);
    expect(() => computeDesirableRanges(Number.POSITIVE_INFINITY, one)).toThrow(/baseFigure/);
  });

  it('rejects an empty state list', () => {
    expect(() => computeDesirableRanges(100, [])).toThrow(/At least one state/);
  });

  it('rejects negative or non-finite rates and populations, naming the state', () => {
    const bad: DesirableRangeInput[][] = [
      [{ iso3: 'XAA', assessmentRate: -0.001, population: 1 }],
      [{ iso3: 'XAA', assessmentRate: Number.NaN, population: 1 }],
      [{ iso3: 'XAA', assessmentRate: 1, population: -5 }],
      [{ iso3: 'XAA', assessmentRate: 1, population: Number.POSITIVE_INFINITY }],
    ];
    for (const states of bad) {
      expect(() => computeDesirableRanges(100, states)).toThrow(/XAA/);
    }
  });

  it('rejects inputs whose rates or populations are all zero', () => {
    const zeroRates = [{ iso3: 'XAA', assessmentRate: 0, population: 1 }];
    const zeroPopulation = [{ iso3: 'XAA', assessmentRate: 1, population: 0 }];
    expect(() => computeDesirableRanges(100, zeroRates)).toThrow(/assessment rates/);
    expect(() => computeDesirableRanges(100, zeroPopulation)).toThrow(/populations/);
  });

  it('rejects duplicate or malformed ISO3 codes', () => {
    expect(() => computeDesirableRanges(100, [...one, ...one])).toThrow(/more than once/);
    expect(() =>
      computeDesirableRanges(100, [{ iso3: 'usa', assessmentRate: 1, population: 1 }]),
    ).toThrow(/three capital letters/);
  });
});
