import type { DataSource, EntityManager } from 'typeorm';
import type { Catalog } from '../modules/catalog';
import type { DatasetModule } from '../modules/dataset-module';
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
const versionsSql = new WeakMap<DataSource, string>();

export async function currentVersions(db: EntityManager): Promise<Map<string, number>> {
  // Read on every request: the text is built once per database, not by the builder each time.
  let sql = versionsSql.get(db.connection);
  if (sql === undefined) {
    sql = db
      .createQueryBuilder()
      .select('v.dataset', 'dataset')
      .addSelect('MAX(v.version)', 'version')
      .from(DatasetVersion, 'v')
      .groupBy('v.dataset')
      .getQuery();
    versionsSql.set(db.connection, sql);
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

export function datasetState(
  module: DatasetModule,
  tableOf: (importer: string) => string,
  latest: ReadonlyMap<string, DatasetVersion>,
): DatasetState {
  const parts: PartState[] = (module.importers ?? []).map((importer) => ({
    importer: importer.name,
    table: tableOf(importer.name),
    load: latest.get(partKey(module.name, importer.name)) ?? null,
  }));
  const loads = parts.flatMap((part) => (part.load ? [part.load] : []));
  const newest = loads.reduce<DatasetVersion | null>(
    (a, b) => (a === null || b.version > a.version ? b : a),
    null,
  );
  const sources = [...new Set(parts.map((part) => describeLoad(part.load)))];
  return {
    name: module.name,
    description: module.description,
    version: newest?.version ?? null,
    loadedAt: newest?.loadedAt ?? null,
    source:
      sources.length <= 1
        ? (sources[0] ?? 'no importable parts')
        : `mixed: ${parts.map((part) => `${part.importer} ${describeLoad(part.load)}`).join('; ')}`,
    synthetic: loads.some((load) => load.synthetic),
    rowCount:
      loads.length === parts.length ? loads.reduce((sum, load) => sum + load.rowCount, 0) : null,
    parts,
  };
}

/** Every dataset of a catalog with its current version and the provenance of its parts. */
export async function readDatasetStates(
  db: EntityManager,
  catalog: Catalog,
): Promise<DatasetState[]> {
  const latest = await latestLoads(db);
  return catalog.modules.map((module) =>
    datasetState(module, (importer) => catalog.tableOfImporter(importer), latest),
  );
}
