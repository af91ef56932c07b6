import type { EntityManager } from 'typeorm';
import type { Catalog, DatasetModule } from '../modules';
import {
  type DatasetVersion,
  describeLoad,
  latestLoads,
  partKey,
  type DatasetState,
  type PartState,
} from '../versions';

/** A dataset module's state: its parts' latest loads, its version and where its rows came from. */
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
