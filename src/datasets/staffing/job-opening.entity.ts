import { DutyStation, Grade, SecretariatEntity } from '../../dimensions';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Gender } from './staff-year.entity';

/**
 * A recruitment: one job opening from posting to selection. Dates are ISO `YYYY-MM-DD` strings
 * on both drivers (mysql2 runs with dateStrings), so nothing shifts with time zones.
 */
@ObjectType({
  simpleResolvers: true,
  description: 'A job opening and its recruitment stages.',
})
@Entity({ name: 'fact_job_opening' })
@Index('ix_job_opening_entity', ['entityCode'])
@Index('ix_job_opening_selected', ['selectedOn'])
export class JobOpening {
  @Field({ description: 'Job opening number (natural key).' })
  @PrimaryColumn({ name: 'job_opening_id', type: 'varchar', length: 24 })
  jobOpeningId!: string;

  @Field()
  @ForeignKey(() => SecretariatEntity, (e: SecretariatEntity) => e.code)
  @Column({ name: 'entity_code', type: 'varchar', length: 32 })
  entityCode!: string;

  @Field()
  @ForeignKey(() => Grade, (g: Grade) => g.code)
  @Column({ name: 'grade_code', type: 'varchar', length: 8 })
  gradeCode!: string;

  @Field()
  @ForeignKey(() => DutyStation, (d: DutyStation) => d.code)
  @Column({ name: 'duty_station_code', type: 'varchar', length: 48 })
  dutyStationCode!: string;

  @Field({ description: 'Date the job opening was posted.' })
  @Column({ name: 'posted_on', type: 'date' })
  postedOn!: string;

  @Field({ description: 'Application deadline.' })
  @Column({ name: 'deadline_on', type: 'date' })
  deadlineOn!: string;

  @Field(() => String, { nullable: true, description: 'Assessments (tests) completed.' })
  @Column({ name: 'assessed_on', type: 'date', nullable: true })
  assessedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Competency-based interviews completed.' })
  @Column({ name: 'interviewed_on', type: 'date', nullable: true })
  interviewedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Endorsed by the central review body.' })
  @Column({ name: 'endorsed_on', type: 'date', nullable: true })
  endorsedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Selection decision; null while open.' })
  @Column({ name: 'selected_on', type: 'date', nullable: true })
  selectedOn!: string | null;

  @Field(() => Int)
  @Column({ name: 'applicants_total', type: 'int' })
  applicantsTotal!: number;

  @Field(() => Int)
  @Column({ name: 'applicants_women', type: 'int' })
  applicantsWomen!: number;

  @Field({ description: 'Selection made from a roster of pre-approved candidates.' })
  @Column({ name: 'roster_based', type: 'boolean' })
  rosterBased!: boolean;

  @Field(() => Gender, { nullable: true, description: 'Gender of the selected candidate.' })
  @Column({ name: 'selected_gender', type: 'varchar', length: 1, nullable: true })
  selectedGender!: Gender | null;

  /**
   * Permanent random key of this unit for cell-key perturbation (src/shared/disclosure); set by
   * the import pipeline, never exposed.
   */
  @Column({ name: 'record_key', type: 'smallint', default: 0 })
  recordKey!: number;
}
