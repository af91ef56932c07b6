import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum LoadOperation {
  /** Generated data loaded by `seed`: replaces the part's rows. */
  SEED = 'SEED',
  /** A CSV file merged into the part (insert new keys, update changed rows). */
  IMPORT = 'IMPORT',
  /** A CSV file that replaced all of the part's rows (`import --replace`). */
  REPLACE = 'REPLACE',
}

/**
 * Provenance: one row per load and per part (importer table) it wrote. A dataset's version is a
 * number that grows by one with every load that changes it; the rows of one load share it.
 * What a part holds now is its row with the highest version.
 */
@Entity({ name: 'dataset_version' })
@Index('ux_dataset_version_part', ['dataset', 'version', 'importer'], { unique: true })
export class DatasetVersion {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  dataset!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 64 })
  importer!: string;

  @Column({ type: 'varchar', length: 16 })
  operation!: LoadOperation;

  @Column({ type: 'boolean' })
  synthetic!: boolean;

  @Column({ type: 'varchar', length: 64, nullable: true })
  seed!: string | null;

  @Column({ type: 'double', nullable: true })
  scale!: number | null;

  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true })
  fileName!: string | null;

  /** sha256 of the CSV file that was loaded (the generated file, for seeds). */
  @Column({ type: 'varchar', length: 64 })
  checksum!: string;

  @Column({ name: 'rows_in', type: 'int' })
  rowsIn!: number;

  @Column({ type: 'int' })
  inserted!: number;

  @Column({ type: 'int' })
  updated!: number;

  @Column({ type: 'int' })
  unchanged!: number;

  @Column({ type: 'int' })
  rejected!: number;

  /** Rows in the part's table once the load committed. */
  @Column({ name: 'row_count', type: 'int' })
  rowCount!: number;

  /** ISO 8601, UTC. */
  @Column({ name: 'loaded_at', type: 'varchar', length: 32 })
  loadedAt!: string;
}
