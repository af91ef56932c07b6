import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A saved query an hr user registered (`registerSavedQuery`), served at `/api/<name>` beside the
 * repository's `queries/*.graphql`. Times are ISO 8601, UTC.
 */
@Entity({ name: 'saved_query' })
export class SavedQueryRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 1000 })
  description!: string;

  @Column({ type: 'text' })
  document!: string;

  /** The subject of the token that registered it (null for a development token). */
  @Column({ name: 'registered_by', type: 'varchar', length: 200, nullable: true })
  registeredBy!: string | null;

  @Column({ name: 'registered_at', type: 'varchar', length: 32 })
  registeredAt!: string;
}
