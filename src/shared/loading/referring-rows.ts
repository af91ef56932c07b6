import type { EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm';
import type { ForeignKeyMetadata } from 'typeorm/metadata/ForeignKeyMetadata';
import { dialectOf } from '../../db/dialect';
import type { DatasetImporter } from '../import';
import type { Catalog } from '../modules';

/**
 * Loads that replace a table other tables refer to (a dimension's codes, the cases measures
 * belong to). The foreign keys are the entities' `@ForeignKey` declarations; a load deletes the
 * referred rows and inserts the new ones, so the database checks the keys once the load has
 * written everything, and the load is refused, rolled back whole, if a row of a table it did
 * not replace would then refer to nothing.
 */

/** A foreign key into one of the tables a load empties, from a table it does not empty. */
interface ReferringKey {
  from: EntityMetadata;
  key: ForeignKeyMetadata;
  /** The importer of the referred table. */
  referred: DatasetImporter<ObjectLiteral>;
}

/** The foreign keys into the emptied tables from every other table. */
export function referringKeys(
  manager: EntityManager,
  emptied: readonly DatasetImporter<ObjectLiteral>[],
): ReferringKey[] {
  const targets = new Set<unknown>(emptied.map((importer) => importer.target));
  return manager.connection.entityMetadatas.flatMap((from) =>
    targets.has(from.target)
      ? []
      : from.foreignKeys.flatMap((key) => {
          const referred = emptied.find((i) => i.target === key.referencedEntityMetadata.target);
          return referred ? [{ from, key, referred }] : [];
        }),
  );
}

/**
 * Runs a load with the foreign keys checked at its end rather than statement by statement
 * (MariaDB checks row by row and would refuse deleting referred rows the load puts back), then
 * checks every referring key itself and refuses the load, naming the table, if a row now refers
 * to nothing. Keys are always checked again before the connection goes back to the pool.
 */
export async function withKeysCheckedAtEnd<T>(
  manager: EntityManager,
  catalog: Catalog,
  keys: readonly ReferringKey[],
  refuse: (conflicts: readonly string[]) => Error,
  load: () => Promise<T>,
): Promise<T> {
  if (keys.length === 0) return load();
  const sqlite = dialectOf(manager.connection).name === 'sqlite';
  // SQLite: until the transaction ends; MariaDB: this connection, until set back below.
  await manager.query(
    sqlite ? 'PRAGMA defer_foreign_keys = ON' : 'SET SESSION foreign_key_checks = 0',
  );
  let result: T;
  try {
    result = await load();
    const conflicts: string[] = [];
    for (const key of keys) {
      const orphans = await countOrphans(manager, key);
      if (orphans > 0) conflicts.push(describeConflict(catalog, key, orphans));
    }
    if (conflicts.length > 0) throw refuse(conflicts);
  } catch (error) {
    // The load's own error is the one to report (a connection that went away cannot be set
    // back either, and is not reused).
    if (!sqlite) await manager.query('SET SESSION foreign_key_checks = 1').catch(() => undefined);
    throw error;
  }
  if (!sqlite) await manager.query('SET SESSION foreign_key_checks = 1');
  return result;
}

/** Rows of the referring table whose key (all columns set) names no row of the referred table. */
async function countOrphans(manager: EntityManager, { from, key }: ReferringKey): Promise<number> {
  const referred = key.referencedEntityMetadata.tableName;
  const set = key.columnNames.map((c) => `c.${c} IS NOT NULL`).join(' AND ');
  const same = key.columnNames
    .map((c, i) => `p.${key.referencedColumnNames[i]} = c.${c}`)
    .join(' AND ');
  const rows: { n: number | string }[] = await manager.query(
    `SELECT COUNT(*) AS n FROM ${from.tableName} c WHERE ${set} ` +
      `AND NOT EXISTS (SELECT 1 FROM ${referred} p WHERE ${same})`,
  );
  return Number(rows[0]?.n ?? 0);
}

function describeConflict(catalog: Catalog, { from, key, referred }: ReferringKey, n: number) {
  const owner = catalog.importers.find((i) => i.target === from.target);
  const dataset = owner ? ` (dataset ${catalog.moduleOfImporter(owner.name).name})` : '';
  return (
    `${referred.name}: ${n} row(s) of ${from.tableName}${dataset} refer (${key.columnNames.join(', ')}) ` +
    `to rows the file does not hold, so nothing was replaced. Include those rows in the file, ` +
    `or replace ${owner?.name ?? from.tableName} too.`
  );
}
