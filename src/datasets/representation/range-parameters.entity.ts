import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The parameters of the system of desirable ranges for a year: data, not code. */
@ObjectType({
  simpleResolvers: true,
  description: 'Parameters of the system of desirable ranges for a year.',
})
@Entity({ name: 'ref_range_parameters' })
export class RangeParameters {
  @Field(() => Int)
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Fixed base figure; null means counted from the staffing data for the year.',
  })
  @Column({ name: 'base_figure', type: 'int', nullable: true })
  baseFigure!: number | null;

  @Field(() => Float)
  @Column({ name: 'membership_weight', type: 'double' })
  membershipWeight!: number;

  @Field(() => Float)
  @Column({ name: 'population_weight', type: 'double' })
  populationWeight!: number;

  @Field(() => Float)
  @Column({ name: 'contribution_weight', type: 'double' })
  contributionWeight!: number;

  @Field(() => Float, { description: 'Half-width of the range as a fraction of the midpoint.' })
  @Column({ type: 'double' })
  flexibility!: number;

  @Field(() => Float, { description: 'Minimum half-width, in posts.' })
  @Column({ name: 'min_half_width', type: 'double' })
  minHalfWidth!: number;

  @Field(() => Float, { description: 'Minimum upper limit, in posts.' })
  @Column({ name: 'min_upper_limit', type: 'double' })
  minUpperLimit!: number;

  @Field()
  @Column({ type: 'varchar', length: 255 })
  source!: string;
}
