import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Programme } from './learning.enums';

/**
 * Derived from the enrolments at import: the first year each staff member completed a course of
 * each programme. Learning coverage (the share of staff at 31 December who have completed a
 * programme) looks it up per staff-year.
 */
@Entity({ name: 'lrn_completion' })
@Index('ix_lrn_completion_programme', ['programme', 'staffId', 'firstYear'])
export class Completion {
  @PrimaryColumn({ name: 'staff_id', type: 'varchar', length: 16 })
  staffId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  programme!: Programme;

  @Column({ name: 'first_year', type: 'smallint' })
  firstYear!: number;
}
