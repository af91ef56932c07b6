import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Placeholders per statement: under SQLite's 32,766 and MySQL's 65,535 variables. */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts many rows with multi-row `INSERT ... VALUES (...), (...)` statements and positional
 * parameters. TypeORM's insert builder names and re-scans every parameter, which makes a
 * 1,000-row insert quadratic in its parameters (measured: most of a survey import's time);
 * this builds the statement once per chunk. Columns come from the entity's metadata; generated
 * columns are left to the database; booleans are stored as 1/0 on both drivers.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly T[],
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns = metadata.columns.filter((column) => !column.isGenerated);
  const table = driver.escape(metadata.tableName);
  const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let from = 0; from < rows.length; from += perStatement) {
    const chunk = rows.slice(from, from + perStatement);
    const parameters: unknown[] = [];
    for (const row of chunk) {
      for (const column of columns) {
        const value: unknown = row[column.propertyName] ?? primitiveDefault(column.default);
        parameters.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
      }
    }
    await manager.query(
      `INSERT INTO ${table} (${names}) VALUES ${chunk.map(() => tuple).join(', ')}`,
      parameters,
    );
  }
}

/** A column default that is a plain value (not SQL such as CURRENT_TIMESTAMP), else null. */
function primitiveDefault(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean'
    ? value
    : null;
}
