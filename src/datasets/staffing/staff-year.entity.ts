import { DutyStation, Grade, MemberState, SecretariatEntity } from '../../dimensions';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export enum Gender {
  FEMALE = 'F',
  MALE = 'M',
}
registerEnumType(Gender, { name: 'Gender' });

export enum ContractType {
  PERMANENT = 'PERMANENT',
  CONTINUING = 'CONTINUING',
  FIXED_TERM = 'FIXED_TERM',
  TEMPORARY = 'TEMPORARY',
}
registerEnumType(ContractType, { name: 'ContractType' });

/**
 * One staff member as at 31 December of one year. Returned as rows only to the hr role;
 * everyone else sees aggregates of it.
 */
@ObjectType({
  simpleResolvers: true,
  description: 'A staff member as at 31 December of a year (hr role only).',
})
@Entity({ name: 'fact_staff_year' })
@Index('ix_staff_year_year_entity', ['year', 'entityCode'])
@Index('ix_staff_year_year_grade', ['year', 'gradeCode'])
// The order of the staffRecords row list (year, then staff id): a page is a range of it, not a
// sort of the year's rows (about 50,000 at scale 1).
@Index('ix_staff_year_year_staff', ['year', 'staffId'])
export class StaffYear {
  @Field({ description: 'Pseudonymous staff identifier, stable across years.' })
  @PrimaryColumn({ name: 'staff_id', type: 'varchar', length: 16 })
  staffId!: string;

  @Field(() => Int)
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Field()
  @ForeignKey(() => SecretariatEntity, (e: SecretariatEntity) => e.code)
  @Column({ name: 'entity_code', type: 'varchar', length: 32 })
  entityCode!: string;

  @Field()
  @ForeignKey(() => DutyStation, (d: DutyStation) => d.code)
  @Column({ name: 'duty_station_code', type: 'varchar', length: 48 })
  dutyStationCode!: string;

  @Field()
  @ForeignKey(() => Grade, (g: Grade) => g.code)
  @Column({ name: 'grade_code', type: 'varchar', length: 8 })
  gradeCode!: string;

  @Field(() => Gender)
  @Column({ type: 'varchar', length: 1 })
  gender!: Gender;

  @Field({ description: 'ISO3 code of the member state of nationality.' })
  @Index('ix_staff_year_nationality')
  @ForeignKey(() => MemberState, (m: MemberState) => m.iso3)
  @Column({ name: 'nationality_iso3', type: 'varchar', length: 3 })
  nationalityIso3!: string;

  @Field(() => Int)
  @Column({ name: 'birth_year', type: 'int' })
  birthYear!: number;

  @Field(() => ContractType)
  @Column({ name: 'contract_type', type: 'varchar', length: 16 })
  contractType!: ContractType;

  @Field({ description: 'Serves in a post subject to geographical distribution.' })
  @Column({ type: 'boolean' })
  geographical!: boolean;

  @Field({ description: 'Recruited through the Young Professionals Programme.' })
  @Column({ type: 'boolean' })
  ypp!: boolean;

  /**
   * Permanent random key of this unit for cell-key perturbation (src/shared/disclosure); set by
   * the import pipeline, never exposed.
   */
  @Column({ name: 'record_key', type: 'smallint', default: 0 })
  recordKey!: number;
}
