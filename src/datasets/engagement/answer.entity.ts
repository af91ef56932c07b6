import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One answer (1-5) of one respondent to one question. Millions of rows; never returned to any
 * role and never scanned by a request: aggregates are answered from the rollups.
 */
@Entity({ name: 'eng_answer' })
export class Answer {
  @PrimaryColumn({ type: 'int' })
  wave!: number;

  @PrimaryColumn({ name: 'respondent_id', type: 'varchar', length: 16 })
  respondentId!: string;

  @PrimaryColumn({ name: 'question_code', type: 'varchar', length: 16 })
  questionCode!: string;

  @Column({ type: 'smallint' })
  value!: number;
}
