import { assessStatus, IndicatorStatusKind } from '../../src/datasets/indicators/indicator-status';

describe('indicators > status > linear projection', () => {
  const parity = { min: 47, max: 53, year: 2028 };

  it('projects the gender parity series to 2028 by least squares', () => {
    // x̄ = 2019, ȳ = 39.3667; Sxy = 20.3, Sxx = 14 -> slope 1.45; at 2028: 39.3667 + 9 × 1.45 = 52.4167
    const status = assessStatus(
      [
        { year: 2016, value: 35 },
        { year: 2020, value: 40.9 },
        { year: 2021, value: 42.2 },
      ],
      parity,
    );
    expect(status.slopePerYear).toBeCloseTo(1.45, 10);
    expect(status.projectedValue).toBeCloseTo(52.4167, 4);
    expect(status.status).toBe(IndicatorStatusKind.ON_TRACK);
    expect(status.latestValue).toBe(42.2);
  });

  it('is OFF_TRACK when the projection misses the range, ACHIEVED when the latest value is in it', () => {
    expect(
      assessStatus(
        [
          { year: 2016, value: 35 },
          { year: 2021, value: 36 },
        ],
        parity,
      ).status,
    ).toBe(IndicatorStatusKind.OFF_TRACK);
    expect(
      assessStatus(
        [
          { year: 2016, value: 35 },
          { year: 2021, value: 60 },
        ],
        parity,
      ).status,
    ).toBe(IndicatorStatusKind.OFF_TRACK);
    expect(
      assessStatus(
        [
          { year: 2020, value: 45 },
          { year: 2021, value: 47 },
        ],
        parity,
      ).status,
    ).toBe(IndicatorStatusKind.ACHIEVED);
  });

  it('says when it cannot judge', () => {
    expect(assessStatus([{ year: 2021, value: 42.2 }], parity).status).toBe(
      IndicatorStatusKind.INSUFFICIENT_DATA,
    );
    expect(
      assessStatus(
        [
          { year: 2020, value: 1 },
          { year: 2021, value: 2 },
        ],
        null,
      ).status,
    ).toBe(IndicatorStatusKind.NO_TARGET);
  });

  it('handles one-sided targets', () => {
    const atLeast = { min: 90, max: null, year: 2025 };
    expect(
      assessStatus(
        [
          { year: 2020, value: 80 },
          { year: 2021, value: 85 },
        ],
        atLeast,
      ).status,
    ).toBe(IndicatorStatusKind.ON_TRACK);
  });
});
