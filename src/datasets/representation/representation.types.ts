import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MemberStateInput } from './member-state-input.entity';
import { RangeParameters } from './range-parameters.entity';

export enum RepresentationStatusKind {
  UNREPRESENTED = 'UNREPRESENTED',
  UNDER_REPRESENTED = 'UNDER_REPRESENTED',
  WITHIN_RANGE = 'WITHIN_RANGE',
  OVER_REPRESENTED = 'OVER_REPRESENTED',
}
registerEnumType(RepresentationStatusKind, {
  name: 'RepresentationStatus',
  description:
    'UNREPRESENTED: no staff; UNDER_REPRESENTED: below the lower limit; WITHIN_RANGE: between the limits ' +
    '(inclusive); OVER_REPRESENTED: above the upper limit.',
});

export enum MidpointPosition {
  BELOW = 'BELOW',
  AT = 'AT',
  ABOVE = 'ABOVE',
}
registerEnumType(MidpointPosition, { name: 'MidpointPosition' });

@ObjectType({
  simpleResolvers: true,
  description:
    "A member state's desirable range for a year and where its staff count stands. Limits are unrounded: " +
    'midpoint = membershipPosts + populationPosts + contributionPosts; lower/upper = midpoint ∓ max(flexibility × midpoint, ' +
    'minHalfWidth), lower ≥ 0, upper ≥ minUpperLimit (see desirableRangeInputs for the parameters and totals).',
})
export class MemberStateRepresentation {
  @Field(() => Int)
  year!: number;

  @Field({ description: 'ISO3 code of the member state.' })
  iso3!: string;

  @Field(() => Int, {
    description:
      'Staff in posts subject to geographical distribution plus Young Professionals Programme recruits.',
  })
  staffCount!: number;

  @Field(() => Float, { description: 'membershipWeight × baseFigure / number of member states.' })
  membershipPosts!: number;

  @Field(() => Float, {
    description: 'populationWeight × baseFigure × population / total population.',
  })
  populationPosts!: number;

  @Field(() => Float, {
    description: 'contributionWeight × baseFigure × assessmentRate / total of the rates.',
  })
  contributionPosts!: number;

  @Field(() => Float)
  lowerLimit!: number;

  @Field(() => Float)
  midpoint!: number;

  @Field(() => Float)
  upperLimit!: number;

  @Field(() => RepresentationStatusKind)
  status!: RepresentationStatusKind;

  @Field(() => MidpointPosition, { description: 'Staff count relative to the midpoint.' })
  midpointPosition!: MidpointPosition;

  @Field(() => MemberStateInput, {
    description: 'The inputs used: assessment rate, population and their source.',
  })
  inputs!: MemberStateInput;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Everything shared by all states of a year, to recompute any range by hand.',
})
export class DesirableRangeYear {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, {
    description: 'Number of posts subject to geographical distribution the ranges share.',
  })
  baseFigure!: number;

  @Field({
    description: 'True when the base figure was counted from the staffing data (the default).',
  })
  baseFigureFromData!: boolean;

  @Field(() => RangeParameters)
  parameters!: RangeParameters;

  @Field(() => Int)
  memberStates!: number;

  @Field(() => Float)
  totalAssessmentRate!: number;

  @Field(() => Float)
  totalPopulation!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'How many member states have a status in a year.',
})
export class RepresentationSummaryRow {
  @Field(() => Int)
  year!: number;

  @Field(() => RepresentationStatusKind)
  status!: RepresentationStatusKind;

  @Field(() => Int)
  count!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'For WITHIN_RANGE: how many are below the midpoint.',
  })
  belowMidpoint!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'For WITHIN_RANGE: how many are at or above the midpoint.',
  })
  atOrAboveMidpoint!: number | null;
}
