import type { DataSource, Migration } from 'typeorm';
import { checkEntityTables } from '../../db/entity-tables';
import { prepareSummaries, type SummarizedSchema } from '../aggregation';

/**
 * Brings a database up to this code: pending migrations, a check that every entity's columns
 * are in its table, then the facts' summary tables (created and filled where missing, stale ones
 * dropped). Returns the migrations applied.
 */
export async function migrateDatabase(
  dataSource: DataSource,
  schema: SummarizedSchema,
): Promise<Migration[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  await checkEntityTables((sql) => dataSource.query(sql), schema.entities);
  await prepareSummaries(dataSource, schema.facts);
  return applied;
}
