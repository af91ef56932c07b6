import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum OutcomeArea {
  DIVERSITY = 'diversity',
  AGILITY = 'agility',
  ACCOUNTABILITY = 'accountability',
  ENABLERS = 'enablers',
}
registerEnumType(OutcomeArea, {
  name: 'OutcomeArea',
  description:
    'The long-term outcomes of human resources management reform (A/77/590/Add.1 sections II-V).',
});

export enum IndicatorUnit {
  PERCENT = 'percent',
  COUNT = 'count',
  DAYS = 'days',
  SCORE = 'score',
  RATIO = 'ratio',
  PERCENTAGE_POINTS = 'percentage-points',
  YEARS = 'years',
  USD = 'usd',
}
registerEnumType(IndicatorUnit, { name: 'IndicatorUnit' });

/** A quantity the report publishes (possibly for several periods). */
@ObjectType({
  simpleResolvers: true,
  description: 'A figure published in A/77/590/Add.1, with its series, target and reconciliation.',
})
@Entity({ name: 'ind_indicator' })
export class Indicator {
  @Field({ description: 'Stable kebab-case code, e.g. women-share-p-fs.' })
  @PrimaryColumn({ type: 'varchar', length: 96 })
  code!: string;

  @Field()
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Field()
  @Column({ type: 'text' })
  description!: string;

  @Field(() => OutcomeArea)
  @Index('ix_ind_indicator_outcome')
  @Column({ type: 'varchar', length: 16 })
  outcome!: OutcomeArea;

  @Field({ description: 'Subject, e.g. gender-parity, talent-acquisition.' })
  @Column({ type: 'varchar', length: 48 })
  subject!: string;

  @Field(() => IndicatorUnit)
  @Column({ type: 'varchar', length: 24 })
  unit!: IndicatorUnit;

  @Column({ name: 'target_min', type: 'double', nullable: true })
  targetMin!: number | null;

  @Column({ name: 'target_max', type: 'double', nullable: true })
  targetMax!: number | null;

  @Column({ name: 'target_year', type: 'int', nullable: true })
  targetYear!: number | null;

  @Column({ name: 'target_source', type: 'varchar', length: 255, nullable: true })
  targetSource!: string | null;

  @Column({ name: 'baseline_period', type: 'varchar', length: 16, nullable: true })
  baselinePeriod!: string | null;

  @Column({ name: 'baseline_value', type: 'double', nullable: true })
  baselineValue!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A target range to reach by a year.',
})
export class IndicatorTarget {
  @Field(() => Float, { nullable: true, description: 'Lower bound (inclusive); null if none.' })
  min!: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper bound (inclusive); null if none.' })
  max!: number | null;

  @Field(() => Int, { nullable: true })
  year!: number | null;

  @Field(() => String, { nullable: true })
  source!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class IndicatorBaseline {
  @Field()
  period!: string;

  @Field(() => Float)
  value!: number;
}
