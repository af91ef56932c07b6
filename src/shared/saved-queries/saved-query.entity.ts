import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A saved query an hr user registered (`registerSavedQuery`), served at `/api/<name>` beside the
 * repository's `queries/*.graphql`. Its owner is who registered it: a subject and an entity
 * scope. Times are ISO 8601, UTC.
 */
@Entity({ name: 'saved_query' })
export class SavedQueryRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 1000 })
  description!: string;

  @Column({ type: 'text' })
  document!: string;

  /**
   * The owner's subject (a token's `sub`, `key:<id>`, `dev-token:<n>`; null when the token had
   * none). Never shown: it names a credential.
   */
  @Column({ name: 'registered_by', type: 'varchar', length: 200, nullable: true })
  registeredBy!: string | null;

  /** The owner's entity scope, codes joined by `|`; null: every entity. */
  @Column({ name: 'owner_scope', type: 'varchar', length: 2000, nullable: true })
  ownerScope!: string | null;

  @Column({ name: 'registered_at', type: 'varchar', length: 32 })
  registeredAt!: string;
}
