import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum IndicatorStatusKind {
  ACHIEVED = 'ACHIEVED',
  ON_TRACK = 'ON_TRACK',
  OFF_TRACK = 'OFF_TRACK',
  NO_TARGET = 'NO_TARGET',
  INSUFFICIENT_DATA = 'INSUFFICIENT_DATA',
}
registerEnumType(IndicatorStatusKind, {
  name: 'IndicatorStatusKind',
  description:
    'ACHIEVED: the latest value is within the target; ON_TRACK: the projection reaches it by the target year; ' +
    'OFF_TRACK: it does not; NO_TARGET; INSUFFICIENT_DATA: fewer than two yearly values.',
});

export const STATUS_METHOD =
  'Ordinary least-squares line through the yearly values of the series (published and derived), ' +
  'projected to the target year and compared with the target range (bounds inclusive).';

@ObjectType({
  simpleResolvers: true,
  description: 'Where an indicator stands against its target, and how that was decided.',
})
export class IndicatorStatus {
  @Field(() => IndicatorStatusKind)
  status!: IndicatorStatusKind;

  @Field()
  method!: string;

  @Field(() => Float, { nullable: true, description: 'The most recent yearly value.' })
  latestValue!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Slope of the fitted line, in units per year.',
  })
  slopePerYear!: number | null;

  @Field(() => Int, { nullable: true })
  projectionYear!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Value of the fitted line at the target year.',
  })
  projectedValue!: number | null;
}

export interface YearValue {
  year: number;
  value: number;
}

export interface TargetRange {
  min: number | null;
  max: number | null;
  year: number | null;
}

const within = (value: number, target: TargetRange): boolean =>
  (target.min === null || value >= target.min) && (target.max === null || value <= target.max);

/** Status of a yearly series against a target range, by linear projection (see STATUS_METHOD). */
export function assessStatus(
  series: readonly YearValue[],
  target: TargetRange | null,
): IndicatorStatus {
  const points = [...series].sort((a, b) => a.year - b.year);
  const latestValue = points.length > 0 ? points[points.length - 1].value : null;
  const base = {
    method: STATUS_METHOD,
    latestValue,
    slopePerYear: null,
    projectionYear: null,
    projectedValue: null,
  };
  if (!target || (target.min === null && target.max === null) || target.year === null) {
    return { ...base, status: IndicatorStatusKind.NO_TARGET };
  }
  const years = new Set(points.map((p) => p.year));
  if (years.size < 2 || latestValue === null)
    return { ...base, status: IndicatorStatusKind.INSUFFICIENT_DATA };
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.year, 0) / n;
  const meanY = points.reduce((s, p) => s + p.value, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.year - meanX) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.year - meanX) * (p.value - meanY), 0);
  const slope = sxy / sxx;
  const projectedValue = meanY + slope * (target.year - meanX);
  const status = within(latestValue, target)
    ? IndicatorStatusKind.ACHIEVED
    : within(projectedValue, target)
      ? IndicatorStatusKind.ON_TRACK
      : IndicatorStatusKind.OFF_TRACK;
  return { ...base, status, slopePerYear: slope, projectionYear: target.year, projectedValue };
}
