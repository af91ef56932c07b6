import { DataSource } from 'typeorm';
import type { KeyLookup, Slots, SqliteReadPool } from './read-pool';

/**
 * A TypeORM data source with what the hub keeps per open database besides TypeORM's own, in
 * view on the object rather than in tables keyed by it. `openDataSource` makes every data source
 * the hub reads, so each of these is set where the data source is set up and read where it is
 * used.
 */
export class HubDataSource extends DataSource {
  /** SQLite: worker threads for heavy reads (`attachReadPool`); none for MariaDB. */
  readPool: SqliteReadPool | null = null;
  /** MariaDB: how many pool connections heavy reads may hold at once (`reserveConnections`). */
  heavySlots: Slots | null = null;
  /** Derived tables known to exist and be current (summary tables; `prepareSummaries`). */
  readyTables: ReadonlySet<string> = new Set();
  /** Key lookups' SQL, built once per entity and property (`rowsByKeys`). */
  readonly keyLookups = new Map<string, KeyLookup>();
  /** Other SQL texts built once per database, by name (`currentVersions`). */
  readonly statements = new Map<string, string>();
}

/** The hub's state of a data source; every data source the hub reads is opened as a HubDataSource. */
export function hubState(dataSource: DataSource): HubDataSource {
  if (!(dataSource instanceof HubDataSource))
    throw new Error('this data source was not opened by openDataSource');
  return dataSource;
}
