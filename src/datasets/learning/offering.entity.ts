import { Course } from './course.entity';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A session of a course offered in a year (the report's "courses offered"). */
@Entity({ name: 'lrn_offering' })
@Index('ix_lrn_offering_year', ['year', 'courseCode'])
export class Offering {
  @PrimaryColumn({ name: 'offering_id', type: 'varchar', length: 32 })
  offeringId!: string;

  @ForeignKey(() => Course, (c: Course) => c.code)
  @Column({ name: 'course_code', type: 'varchar', length: 24 })
  courseCode!: string;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;
}
