import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Delivery, OfficialLanguage, Programme } from './learning.enums';

/** A course of the learning catalogue. Language and level only for language courses. */
@ObjectType({
  simpleResolvers: true,
  description: 'A course of the Secretariat learning catalogue.',
})
@Entity({ name: 'lrn_course' })
export class Course {
  @Field({ description: 'Course code (natural key).' })
  @PrimaryColumn({ type: 'varchar', length: 24 })
  code!: string;

  @Field(() => Programme)
  @Column({ type: 'varchar', length: 32 })
  programme!: Programme;

  @Field()
  @Column({ type: 'varchar', length: 160 })
  title!: string;

  @Field(() => OfficialLanguage, {
    nullable: true,
    description: 'Language taught (language courses).',
  })
  @Column({ type: 'varchar', length: 16, nullable: true })
  language!: OfficialLanguage | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Level 1-4 of the UN Language Framework (language courses).',
  })
  @Column({ type: 'smallint', nullable: true })
  level!: number | null;

  @Field(() => Delivery)
  @Column({ type: 'varchar', length: 16 })
  delivery!: Delivery;

  @Field(() => Int, { description: 'Number of modules.' })
  @Column({ type: 'smallint' })
  modules!: number;

  @Field({ description: 'Whether completing the course can lead to a certificate.' })
  @Column({ type: 'boolean' })
  certifies!: boolean;
}
