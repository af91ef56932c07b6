import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Counts of answers per value (1-5), and their record-key sums, for every materialized grouping
 * set of respondent characteristics and question level (see engagement.rollup.ts). Built at
 * import time inside the import's transaction; every engagement request reads only this table.
 * A member column is null where the row's grouping set does not include it.
 */
@Entity({ name: 'eng_rollup' })
@Index('ix_eng_rollup_set', ['wave', 'groupingSet', 'questionCode'])
export class RollupRow {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  wave!: number;

  @Column({ name: 'grouping_set', type: 'int' })
  groupingSet!: number;

  @Column({ name: 'question_code', type: 'varchar', length: 16, nullable: true })
  questionCode!: string | null;

  @Column({ name: 'question_dimension', type: 'varchar', length: 48, nullable: true })
  questionDimension!: string | null;

  @Column({ name: 'entity_code', type: 'varchar', length: 32, nullable: true })
  entityCode!: string | null;

  @Column({ name: 'grade_band', type: 'varchar', length: 24, nullable: true })
  gradeBand!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  gender!: string | null;

  @Column({ name: 'age_band', type: 'varchar', length: 16, nullable: true })
  ageBand!: string | null;

  /** 'YES', 'NO', 'NOT_ASKED' where grouped by it (a boolean cannot say "not asked"). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  disability!: string | null;

  @Column({ name: 'duty_station_type', type: 'varchar', length: 32, nullable: true })
  dutyStationType!: string | null;

  /** Distinct respondents in the cell, and the sum of their record keys. */
  @Column({ type: 'int' })
  respondents!: number;

  @Column({ name: 'respondents_key', type: 'int' })
  respondentsKey!: number;

  @Column({ type: 'int' }) n1!: number;
  @Column({ type: 'int' }) n2!: number;
  @Column({ type: 'int' }) n3!: number;
  @Column({ type: 'int' }) n4!: number;
  @Column({ type: 'int' }) n5!: number;
  @Column({ type: 'int' }) k1!: number;
  @Column({ type: 'int' }) k2!: number;
  @Column({ type: 'int' }) k3!: number;
  @Column({ type: 'int' }) k4!: number;
  @Column({ type: 'int' }) k5!: number;
}
