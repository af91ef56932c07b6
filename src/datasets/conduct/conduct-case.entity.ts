import { SecretariatEntity } from '../../dimensions';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { CaseOutcome, CaseStatus, MisconductCategory, ReferralSource } from './conduct.enums';

/**
 * A matter referred for disciplinary review. No staff id: the hub needs the case, not who; the
 * rows are for the conduct role only, within its entity scope. Dates are ISO `YYYY-MM-DD` strings (as job openings).
 */
@ObjectType({
  simpleResolvers: true,
  description: 'A conduct and discipline case (role CONDUCT).',
})
@Entity({ name: 'cond_case' })
@Index('ix_cond_case_received', ['receivedOn', 'entityCode'])
export class ConductCase {
  @Field({ description: 'Case reference.' })
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 24 })
  caseId!: string;

  @Field()
  @ForeignKey(() => SecretariatEntity, (e: SecretariatEntity) => e.code)
  @Column({ name: 'entity_code', type: 'varchar', length: 32 })
  entityCode!: string;

  @Field({ description: 'Date the case was received (YYYY-MM-DD).' })
  @Column({ name: 'received_on', type: 'date' })
  receivedOn!: string;

  @Field(() => String, { nullable: true, description: 'Date it was closed, if it is.' })
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;

  @Field(() => MisconductCategory)
  @Column({ type: 'varchar', length: 40 })
  category!: MisconductCategory;

  @Field(() => CaseStatus)
  @Column({ type: 'varchar', length: 8 })
  status!: CaseStatus;

  @Field(() => CaseOutcome, { nullable: true })
  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: CaseOutcome | null;

  @Field(() => ReferralSource)
  @Column({ name: 'referral_source', type: 'varchar', length: 16 })
  referralSource!: ReferralSource;

  /** Disclosure control's permanent record key (0-255); never exposed. */
  @Column({ name: 'record_key', type: 'smallint' })
  recordKey!: number;
}
