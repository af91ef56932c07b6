import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { SecretariatEntity } from '../../../src/dimensions';

/** One visit to a Secretariat entity: the fact table of the smallest possible dataset. */
@Entity({ name: 'fact_tiny_visit' })
export class Visit {
  @PrimaryColumn({ name: 'visit_id', type: 'varchar', length: 16 })
  visitId!: string;

  @Column({ type: 'int' })
  year!: number;

  @ForeignKey(() => SecretariatEntity, (e: SecretariatEntity) => e.code)
  @Column({ name: 'entity_code', type: 'varchar', length: 32 })
  entityCode!: string;

  /**
   * Permanent random key of this unit for cell-key perturbation (src/shared/disclosure); set by
   * the import pipeline, never exposed.
   */
  @Column({ name: 'record_key', type: 'smallint', default: 0 })
  recordKey!: number;
}
