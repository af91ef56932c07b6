import { Wave } from './wave.entity';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A survey question of a wave, answered on a 1-5 scale (favourable = 4 or 5). */
@ObjectType('EngagementQuestion', {
  simpleResolvers: true,
  description: 'A question of a wave, on a 1-5 scale; 4 and 5 count as favourable.',
})
@Entity({ name: 'eng_question' })
export class Question {
  @Field(() => Int)
  @ForeignKey(() => Wave, (w: Wave) => w.year)
  @PrimaryColumn({ type: 'int' })
  wave!: number;

  @Field({ description: 'Stable code across waves, e.g. PM-FAIRNESS.' })
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code!: string;

  @Field()
  @Column({ type: 'varchar', length: 255 })
  text!: string;

  @Field({
    description: 'The dimension (index) the question belongs to, e.g. employee-empowerment.',
  })
  @Column({ type: 'varchar', length: 48 })
  dimension!: string;
}
