import { SecretariatEntity } from '../../dimensions';
import { ConductCase } from './conduct-case.entity';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { DisciplinaryMeasureType } from './conduct.enums';

/** A disciplinary measure imposed in a case (staff rule 10.2 (a)). */
@ObjectType({
  simpleResolvers: true,
  description: 'A disciplinary measure imposed in a case (role CONDUCT).',
})
@Entity({ name: 'cond_measure' })
@Index('ix_cond_measure_imposed', ['imposedOn', 'entityCode'])
@Index('ix_cond_measure_case', ['caseId'])
export class DisciplinaryMeasure {
  @Field()
  @PrimaryColumn({ name: 'measure_id', type: 'varchar', length: 24 })
  measureId!: string;

  @Field()
  @ForeignKey(() => ConductCase, (c: ConductCase) => c.caseId)
  @Column({ name: 'case_id', type: 'varchar', length: 24 })
  caseId!: string;

  /** The case's entity, kept with the measure so measures group by entity without a join. */
  @Field()
  @ForeignKey(() => SecretariatEntity, (e: SecretariatEntity) => e.code)
  @Column({ name: 'entity_code', type: 'varchar', length: 32 })
  entityCode!: string;

  @Field({ description: 'Date the measure was imposed (YYYY-MM-DD).' })
  @Column({ name: 'imposed_on', type: 'date' })
  imposedOn!: string;

  @Field(() => DisciplinaryMeasureType)
  @Column({ name: 'measure_type', type: 'varchar', length: 32 })
  measureType!: DisciplinaryMeasureType;

  /** Disclosure control's permanent record key (0-255); never exposed. */
  @Column({ name: 'record_key', type: 'smallint' })
  recordKey!: number;
}
