import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An API key for BI tools that cannot do OAuth. The secret is never stored: only its SHA-256
 * (a key is 32 random bytes, so a fast hash is enough; there is nothing to guess by brute force).
 * Times are ISO 8601, UTC.
 */
@Entity({ name: 'api_key' })
export class ApiKey {
  /** Public id, part of the key (`rgk_<id>_<secret>`): what `keys list` and `keys revoke` name. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id!: string;

  @Column({ name: 'secret_sha256', type: 'varchar', length: 64 })
  secretSha256!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: string;

  /** Entity codes joined with `|`; null for every entity. */
  @Column({ name: 'entity_scope', type: 'varchar', length: 1000, nullable: true })
  entityScope!: string | null;

  @Column({ type: 'varchar', length: 100 })
  label!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'last_used_at', type: 'varchar', length: 32, nullable: true })
  lastUsedAt!: string | null;

  @Column({ name: 'expires_at', type: 'varchar', length: 32, nullable: true })
  expiresAt!: string | null;

  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true })
  revokedAt!: string | null;
}
