import type { DataSource, Migration } from 'typeorm';
import { checkEntityTables } from '../../db/entity-tables';
import type { DataSourceSchema } from '../../db/data-source';
import { prepareSummaries } from '../aggregation';
import type { FactDefinition } from '../facts';

/**
 * Brings a database up to this code: pending migrations, a check that every entity's columns
 * are in its table, then the facts' summary tables (created and filled where missing, stale ones
 * dropped). Returns the migrations applied.
 */
export async function migrateDatabase(
  dataSource: DataSource,
  schema: DataSourceSchema & { readonly facts: readonly FactDefinition[] },
): Promise<Migration[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  await checkEntityTables((sql) => dataSource.query(sql), schema.entities);
  await prepareSummaries(dataSource, schema.facts);
  return applied;
}
