import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum GradeCategory {
  PROFESSIONAL_AND_HIGHER = 'PROFESSIONAL_AND_HIGHER',
  FIELD_SERVICE = 'FIELD_SERVICE',
  NATIONAL_PROFESSIONAL_OFFICER = 'NATIONAL_PROFESSIONAL_OFFICER',
  GENERAL_SERVICE = 'GENERAL_SERVICE',
}
registerEnumType(GradeCategory, { name: 'GradeCategory' });

@ObjectType({
  simpleResolvers: true,
  description: 'A grade level (USG .. G-1).',
})
@Entity({ name: 'dim_grade' })
export class Grade {
  @Field({ description: 'Natural key, e.g. P-4, FS-5, G-6.' })
  @PrimaryColumn({ type: 'varchar', length: 8 })
  code!: string;

  @Field(() => GradeCategory)
  @Column({ type: 'varchar', length: 40 })
  category!: GradeCategory;

  @Field(() => Int, { description: 'Sort order: 1 is the most senior grade.' })
  @Column({ name: 'sort_order', type: 'int' })
  order!: number;
}
