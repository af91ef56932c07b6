import { Course } from './course.entity';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { EnrolmentStatus } from './learning.enums';

/**
 * A staff member's enrolment in a course, in the year it started (the staff member is in that
 * year's staffing data). Entity, grade and gender are the staff-year's, copied when the
 * enrolments are imported, so learning groups by staffing dimensions without joining the staff
 * table. Personal data: never served as rows.
 */
@Entity({ name: 'lrn_enrolment' })
@Index('ix_lrn_enrolment_year', ['year', 'entityCode'])
@Index('ix_lrn_enrolment_staff', ['staffId', 'year'])
export class Enrolment {
  @PrimaryColumn({ name: 'enrolment_id', type: 'varchar', length: 32 })
  enrolmentId!: string;

  @Column({ name: 'staff_id', type: 'varchar', length: 16 })
  staffId!: string;

  @Column({ type: 'smallint' })
  year!: number;

  @ForeignKey(() => Course, (c: Course) => c.code)
  @Column({ name: 'course_code', type: 'varchar', length: 24 })
  courseCode!: string;

  @Column({ name: 'enrolled_on', type: 'date' })
  enrolledOn!: string;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn!: string | null;

  @Column({ type: 'varchar', length: 12 })
  status!: EnrolmentStatus;

  @Column({ type: 'boolean' })
  certified!: boolean;

  /** The staff-year's entity, grade and gender (copied at import). */
  @Column({ name: 'entity_code', type: 'varchar', length: 32, nullable: true })
  entityCode!: string | null;

  @Column({ name: 'grade_code', type: 'varchar', length: 8, nullable: true })
  gradeCode!: string | null;

  @Column({ type: 'varchar', length: 1, nullable: true })
  gender!: string | null;

  /** Disclosure control's permanent record key (0-255); never exposed. */
  @Column({ name: 'record_key', type: 'smallint' })
  recordKey!: number;
}
