import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A wave of the staff engagement survey (every two years since 2017). */
@ObjectType('EngagementWave', {
  simpleResolvers: true,
  description: 'A wave of the staff engagement survey.',
})
@Entity({ name: 'eng_wave' })
export class Wave {
  @Field(() => Int, { description: 'Year of the wave.' })
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Field(() => Int, { description: 'Staff invited to take part.' })
  @Column({ type: 'int' })
  invited!: number;
}
