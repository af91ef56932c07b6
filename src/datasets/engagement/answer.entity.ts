import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Question } from './question.entity';
import { Respondent } from './respondent.entity';

/**
 * One answer (1-5) of one respondent to one question. Millions of rows; never returned to any
 * role and never scanned by a request: aggregates are answered from the rollups.
 */
@Entity({ name: 'eng_answer' })
@ForeignKey(() => Respondent, ['wave', 'respondentId'], ['wave', 'respondentId'])
@ForeignKey(() => Question, ['wave', 'questionCode'], ['wave', 'code'])
// The key of the questions' foreign key (MariaDB would otherwise make one of its own).
@Index('ix_eng_answer_question', ['wave', 'questionCode'])
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
