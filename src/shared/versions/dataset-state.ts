import type { EntityManager } from 'typeorm';
import { hubState } from '../../db/hub-data-source';
import { DatasetVersion, LoadOperation } from './dataset-version.entity';

/** What one part (importer table) of a dataset holds now: its latest load, if any was recorded. */
export interface PartState {
  importer: string;
  table: string;
  load: DatasetVersion | null;
}

/** A dataset as `datasets`, `reformgraph datasets` and load messages describe it. */
export interface DatasetState {
  name: string;
  description: string;
  /** Highest version of the dataset; null when no load was recorded. */
  version: number | null;
  loadedAt: string | null;
  /** Where the data comes from, in words; parts of different origin are listed ("mixed: ..."). */
  source: string;
  /** Whether any part holds synthetic data. */
  synthetic: boolean;
  /** Rows in the dataset's tables after their latest loads; null if a part has no recorded load. */
  rowCount: number | null;
  parts: PartState[];
}

/** The latest recorded load of every part, keyed `dataset/importer`. */
export async function latestLoads(db: EntityManager): Promise<Map<string, DatasetVersion>> {
  const rows = await db
    .getRepository(DatasetVersion)
    .find({ order: { version: 'DESC', id: 'DESC' } });
  const latest = new Map<string, DatasetVersion>();
  for (const row of rows) {
    const key = partKey(row.dataset, row.importer);
    if (!latest.has(key)) latest.set(key, row);
  }
  return latest;
}

export const partKey = (dataset: string, importer: string): string => `${dataset}/${importer}`;

/** Current version of every dataset that has one (one small GROUP BY). */
export async function currentVersions(db: EntityManager): Promise<Map<string, number>> {
  // Read on every request: the text is built once per database, not by the builder each time.
  const statements = hubState(db.connection).statements;
  let sql = statements.get('currentVersions');
  if (sql === undefined) {
    sql = db
      .createQueryBuilder()
      .select('v.dataset', 'dataset')
      .addSelect('MAX(v.version)', 'version')
      .from(DatasetVersion, 'v')
      .groupBy('v.dataset')
      .getQuery();
    statements.set('currentVersions', sql);
  }
  const rows: { dataset: string; version: number | string }[] = await db.query(sql);
  return new Map(rows.map((row) => [row.dataset, Number(row.version)]));
}

export function describeLoad(load: DatasetVersion | null): string {
  if (!load) return 'not recorded (nothing loaded, or loaded before versions were recorded)';
  if (load.operation === LoadOperation.SEED) {
    return load.synthetic
      ? `synthetic (seed ${load.seed}, scale ${load.scale})`
      : 'reference data shipped with reformgraph';
  }
  const how = load.operation === LoadOperation.REPLACE ? 'replaced by' : 'imported from';
  return `${how} file ${load.fileName} (sha256 ${load.checksum.slice(0, 12)})`;
}
