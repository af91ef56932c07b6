import { MemberState } from '../../dimensions';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** Inputs of the desirable-range formula for one member state and year. */
@ObjectType({
  simpleResolvers: true,
  description:
    'Scale-of-assessment rate and population of a member state for a year, with their source.',
})
@Entity({ name: 'ref_member_state_input' })
export class MemberStateInput {
  @Field()
  @ForeignKey(() => MemberState, (m: MemberState) => m.iso3)
  @PrimaryColumn({ type: 'varchar', length: 3 })
  iso3!: string;

  @Field(() => Int)
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Field(() => Float, {
    description: 'Regular-budget scale of assessments, percent (e.g. 22 for 22%).',
  })
  @Column({ name: 'assessment_rate', type: 'double' })
  assessmentRate!: number;

  @Field(() => Float)
  @Column({ type: 'double' })
  population!: number;

  @Field({ description: 'Where the figures come from; "synthetic" for generated values.' })
  @Column({ type: 'varchar', length: 255 })
  source!: string;
}
