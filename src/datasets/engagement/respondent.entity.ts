import { SecretariatEntity } from '../../dimensions';
import { Wave } from './wave.entity';
import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import {
  DutyStationType,
  GradeBand,
  RespondentAgeBand,
  RespondentGender,
} from './engagement.enums';

/**
 * One respondent of one wave, with the characteristics the survey asked. Anonymous: the id is the
 * survey's own, not a staff id, and no role ever receives these rows (not a GraphQL type).
 */
@Entity({ name: 'eng_respondent' })
export class Respondent {
  @ForeignKey(() => Wave, (w: Wave) => w.year)
  @PrimaryColumn({ type: 'int' })
  wave!: number;

  @PrimaryColumn({ name: 'respondent_id', type: 'varchar', length: 16 })
  respondentId!: string;

  @ForeignKey(() => SecretariatEntity, (e: SecretariatEntity) => e.code)
  @Column({ name: 'entity_code', type: 'varchar', length: 32 })
  entityCode!: string;

  @Column({ name: 'grade_band', type: 'varchar', length: 24 })
  gradeBand!: GradeBand;

  @Column({ type: 'varchar', length: 16 })
  gender!: RespondentGender;

  @Column({ name: 'age_band', type: 'varchar', length: 16 })
  ageBand!: RespondentAgeBand;

  /** Self-identifies as a person with a disability; null where the wave did not ask (2017). */
  @Column({ type: 'boolean', nullable: true })
  disability!: boolean | null;

  @Column({ name: 'duty_station_type', type: 'varchar', length: 32 })
  dutyStationType!: DutyStationType;

  /** Permanent random key for cell-key perturbation; set by the import pipeline. */
  @Column({ name: 'record_key', type: 'smallint', default: 0 })
  recordKey!: number;
}
