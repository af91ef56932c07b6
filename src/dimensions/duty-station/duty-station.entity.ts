import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum HardshipClass {
  H = 'H',
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
  E = 'E',
}
registerEnumType(HardshipClass, {
  name: 'HardshipClass',
  description:
    'ICSC hardship classification: H (headquarters and similar) and A (least) to E (most hardship).',
});

@ObjectType({
  simpleResolvers: true,
  description: 'A place where Secretariat staff serve.',
})
@Entity({ name: 'dim_duty_station' })
export class DutyStation {
  @Field({ description: 'Natural key, e.g. NEW_YORK.' })
  @PrimaryColumn({ type: 'varchar', length: 48 })
  code!: string;

  @Field()
  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code of the country or territory.' })
  @Index('ix_dim_duty_station_country')
  @Column({ name: 'country_iso3', type: 'varchar', length: 3 })
  countryIso3!: string;

  @Field()
  @Column({ name: 'country_name', type: 'varchar', length: 128 })
  countryName!: string;

  @Field()
  @Column({ type: 'varchar', length: 32 })
  region!: string;

  @Field(() => HardshipClass)
  @Column({ name: 'hardship_class', type: 'varchar', length: 1 })
  hardshipClass!: HardshipClass;

  @Field({
    description: 'Whether staff may bring their families (false for non-family duty stations).',
  })
  @Column({ type: 'boolean' })
  family!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Staff serving there on 31 December 2019 (reference).',
  })
  @Column({ name: 'reference_staff_2019', type: 'int', nullable: true })
  referenceStaff2019!: number | null;
}
