import { basename } from 'node:path';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { generateFiles, type GenerateOptions } from './seed-runner';
import {
  fileChecksum,
  assertReadable,
  emptySummary,
  loadCsv,
  type ImportProgress,
  type ImportSummary,
  type DatasetImporter,
} from '../import';
import type { Catalog, DatasetModule } from '../modules';
import {
  describeLoad,
  latestLoads,
  partKey,
  type DatasetState,
  datasetsChanged,
  DatasetVersion,
  LoadOperation,
} from '../versions';
import { datasetState } from './dataset-states';
import { refreshPlannerStatistics } from '../../db/statistics';
import { refreshSummaries } from '../aggregation';
import { withSpan } from '../tracing';
import { referringKeys, withKeysCheckedAtEnd } from './referring-rows';

/**
 * Loads that record provenance. Every load runs in one transaction with its version rows, so a
 * load that fails halfway leaves the previous version (data and provenance) as it was.
 *
 * Real and synthetic data are never mixed silently: importing a file over generated rows, or
 * seeding over imported rows, is refused unless the caller asks to replace them.
 */

/** The load was refused before anything was written; the message says what is there now. */
export class LoadConflictError extends Error {
  override name = 'LoadConflictError';
  constructor(readonly conflicts: readonly string[]) {
    super(
      conflicts.length === 1
        ? conflicts[0]
        : `Refused, nothing was written:\n- ${conflicts.join('\n- ')}`,
    );
  }
}

export interface ImportFileOptions {
  /** Secret of the units' record keys (RECORD_KEY_SECRET): keep it stable and private. */
  recordKeySecret: string;
  /** Delete every row of the importer's table first, in the same transaction. */
  replace?: boolean;
  skipInvalid?: boolean;
  /** Validate and count, write nothing (the load runs and is rolled back). */
  dryRun?: boolean;
  progress?: ImportProgress;
}

export interface ImportResult {
  summary: ImportSummary;
  dataset: string;
  /** The dataset version this load created; null when it changed nothing or was a dry run. */
  version: number | null;
  /** What the importer's table held before, in words. */
  before: string;
  replaced: boolean;
}

/** What a trace shows of a load: counts, never a value. */
const loadAttributes = (summary: ImportSummary) => ({
  'reformgraph.rows_in': summary.rowsIn,
  'reformgraph.rows_inserted': summary.inserted,
  'reformgraph.rows_updated': summary.updated,
  'reformgraph.rows_rejected': summary.rejected,
});

/** Imports one CSV file through its importer and records the dataset version it creates. */
export function importFile(
  dataSource: DataSource,
  catalog: Catalog,
  importerName: string,
  file: string,
  options: ImportFileOptions,
): Promise<ImportResult> {
  return withSpan(
    `import ${importerName}`,
    { 'reformgraph.importer': importerName, 'reformgraph.dry_run': options.dryRun ?? false },
    async (span) => {
      const importer = catalog.importer(importerName);
      if (!importer) throw new Error(`unknown importer ${importerName}`);
      const module = catalog.moduleOfImporter(importerName);
      const replace = options.replace ?? false;
      await assertReadable(importer.name, file);
      const checksum = await fileChecksum(file);
      let outcome: ImportResult | undefined;
      await dataSource
        .transaction(async (manager) => {
          const latest = (await latestLoads(manager)).get(partKey(module.name, importer.name));
          const rowsBefore = await countRows(manager, importer);
          const before =
            rowsBefore === 0 ? 'no rows' : `${rowsBefore} rows ${describeLoad(latest ?? null)}`;
          if (!replace && rowsBefore > 0 && latest?.synthetic) {
            throw new LoadConflictError([
              `${importer.name} (dataset ${module.name}) holds ${before} (version ${latest.version}, ` +
                `loaded ${latest.loadedAt}). Importing ${basename(file)} would mix real and synthetic ` +
                `rows: run again with --replace to replace those ${rowsBefore} rows with the file's.`,
            ]);
          }
          // A file of whole partitions (a survey wave) that is the one loaded last changes nothing:
          // say so without replacing every row of it again.
          if (
            !replace &&
            importer.replacesPartitions &&
            latest &&
            latest.operation !== LoadOperation.SEED &&
            latest.checksum === checksum &&
            latest.rowCount === rowsBefore
          ) {
            const summary = emptySummary(importer.name, latest.rowsIn);
            summary.rejected = latest.rejected;
            summary.unchanged = latest.rowsIn - latest.rejected;
            outcome = { summary, dataset: module.name, version: null, before, replaced: false };
            return;
          }
          const referring = replace ? referringKeys(manager, [importer]) : [];
          const summary = await withKeysCheckedAtEnd(
            manager,
            catalog,
            referring,
            refuse,
            async () => {
              const emptiedPartitions = replace ? await deleteRows(manager, importer) : undefined;
              return withSpan('load rows', {}, () =>
                loadCsv(manager, importer, file, { ...options, emptiedPartitions }),
              );
            },
          );
          let version: number | null = null;
          if (replace || summary.inserted + summary.updated > 0) {
            version = await nextVersion(manager, module.name);
            await recordLoad(manager, module.name, version, {
              importer,
              operation: replace ? LoadOperation.REPLACE : LoadOperation.IMPORT,
              synthetic: false,
              seed: null,
              scale: null,
              path: file,
              checksum,
              summary,
            });
          }
          outcome = { summary, dataset: module.name, version, before, replaced: replace };
          if (options.dryRun) throw new DryRunRollback();
          if (version !== null)
            await withSpan('refresh summaries', {}, () =>
              refreshSummaries(manager, catalog.facts, [catalog.tableOfImporter(importer.name)]),
            );
        })
        .catch((error: unknown) => {
          if (!(error instanceof DryRunRollback)) throw error;
        });
      if (!outcome) throw new Error('import finished without a result');
      if (options.dryRun) {
        outcome.summary.written = false;
        outcome.version = null;
      }
      if (outcome.version !== null) {
        await refreshPlannerStatistics(dataSource);
        await datasetsChanged([outcome.dataset]);
      }
      span?.setAttributes({
        ...loadAttributes(outcome.summary),
        'reformgraph.dataset': outcome.dataset,
        'reformgraph.version': outcome.version ?? 0,
      });
      return outcome;
    },
    { root: true },
  );
}

class DryRunRollback extends Error {}

const refuse = (conflicts: readonly string[]) => new LoadConflictError(conflicts);

export interface SeedOptions extends GenerateOptions {
  /** Replace imported (or unrecorded) rows too; without it such parts refuse the seed. */
  replace?: boolean;
  /** Datasets to load (default: every dataset with a generator). All generators still run. */
  datasets?: readonly string[];
  progress?: (importer: string) => ImportProgress | undefined;
  /** Called after each file is loaded. */
  onLoaded?: (summary: ImportSummary) => void;
}

export interface SeedResult {
  dataset: string;
  /** LOADED into empty tables, REPLACED earlier rows, or UNCHANGED (the same files are loaded). */
  outcome: 'LOADED' | 'REPLACED' | 'UNCHANGED';
  before: DatasetState;
  /** The dataset's version after the seed. */
  version: number | null;
  summaries: ImportSummary[];
}

/**
 * Generates the synthetic (and reference) files and loads them, replacing what the generated
 * parts held, all datasets in one transaction. A dataset whose parts already hold exactly these
 * files is left alone.
 */
export function seedDatasets(
  dataSource: DataSource,
  catalog: Catalog,
  options: SeedOptions,
): Promise<SeedResult[]> {
  return withSpan(
    'seed',
    { 'reformgraph.scale': options.scale, 'reformgraph.seed': options.seed },
    () => seedAll(dataSource, catalog, options),
    { root: true },
  );
}

/** What a seed does with one dataset: its generated files, and whether each is loaded already. */
interface SeedPlan {
  module: DatasetModule;
  parts: {
    file: Awaited<ReturnType<typeof generateFiles>>[number];
    importer: DatasetImporter<ObjectLiteral>;
    rows: number;
    same: boolean;
  }[];
  before: DatasetState;
}

async function seedAll(
  dataSource: DataSource,
  catalog: Catalog,
  options: SeedOptions,
): Promise<SeedResult[]> {
  const withGenerator = catalog.generators.map((g) => g.module);
  const selected = options.datasets
    ? options.datasets.map((name) => {
        const module = withGenerator.find((m) => m.name === name);
        if (!module) {
          throw new LoadConflictError([
            `${name} is not a dataset with a generator; one of ${withGenerator.map((m) => m.name).join(', ')}`,
          ]);
        }
        return module;
      })
    : withGenerator;
  const files = await withSpan('generate files', {}, () => generateFiles(catalog, options));
  const tableOf = (importer: string) => catalog.tableOfImporter(importer);

  const results = await dataSource.transaction(async (manager) => {
    const latest = await latestLoads(manager);
    const plans: SeedPlan[] = [];
    const conflicts: string[] = [];
    for (const module of catalog.modules.filter((m) => selected.includes(m))) {
      const parts: SeedPlan['parts'] = [];
      for (const file of files.filter((f) => f.dataset === module.name)) {
        const importer = importerOf(module, file.importer);
        const load = latest.get(partKey(module.name, importer.name)) ?? null;
        const rows = await countRows(manager, importer);
        if (rows > 0 && load?.operation !== LoadOperation.SEED && !options.replace) {
          const origin = load
            ? `${describeLoad(load)} (version ${load.version}, loaded ${load.loadedAt})`
            : 'of unrecorded origin (loaded before reformgraph recorded versions)';
          conflicts.push(
            `${importer.name} (dataset ${module.name}) holds ${rows} rows ${origin}; ` +
              'seeding would replace them with generated data: run again with --replace to do so.',
          );
        }
        const same =
          load?.operation === LoadOperation.SEED &&
          load.checksum === file.checksum &&
          load.rowCount === rows;
        parts.push({ file, importer, rows, same });
      }
      plans.push({ module, parts, before: datasetState(module, tableOf, latest) });
    }
    if (conflicts.length > 0) throw new LoadConflictError(conflicts);

    // A dataset is loaded again when its files changed, or when rows it refers to (a foreign
    // key: a dimension's codes) are deleted to be loaded again. Its rows are deleted first, the
    // referring tables' before the referred ones (catalog order puts the referred first).
    const reloaded = new Set<SeedPlan>();
    const emptiedTargets = new Set<unknown>();
    for (const plan of plans) {
      const refers = plan.parts.some((part) =>
        referencedTargets(manager, part.importer).some((target) => emptiedTargets.has(target)),
      );
      if (!refers && plan.parts.every((part) => part.same)) continue;
      reloaded.add(plan);
      for (const part of plan.parts) emptiedTargets.add(part.importer.target);
    }
    const emptiedImporters = [...reloaded].flatMap((plan) => plan.parts.map((p) => p.importer));
    const referring = referringKeys(manager, emptiedImporters);
    return withKeysCheckedAtEnd(manager, catalog, referring, refuse, async () => {
      const emptied = new Map<string, Set<unknown>>();
      for (const importer of [...emptiedImporters].reverse())
        emptied.set(importer.name, await deleteRows(manager, importer));

      const results: SeedResult[] = [];
      const changedTables: string[] = [];
      for (const plan of plans) {
        const { module, parts, before } = plan;
        if (!reloaded.has(plan)) {
          results.push({
            dataset: module.name,
            outcome: 'UNCHANGED',
            before,
            version: before.version,
            summaries: [],
          });
          continue;
        }
        const version = await nextVersion(manager, module.name);
        const summaries: ImportSummary[] = [];
        for (const { file, importer } of parts) {
          changedTables.push(tableOf(importer.name));
          const summary = await withSpan(
            `seed ${importer.name}`,
            { 'reformgraph.importer': importer.name, 'reformgraph.dataset': module.name },
            async (span) => {
              const loaded = await loadCsv(manager, importer, file.path, {
                emptiedPartitions: emptied.get(importer.name),
                // Generated data gets record keys from its seed, so the same seed perturbs alike
                // everywhere.
                recordKeySecret: `seed:${options.seed}`,
                allowEmpty: true,
                progress: options.progress?.(importer.name),
              });
              span?.setAttributes(loadAttributes(loaded));
              return loaded;
            },
          );
          options.onLoaded?.(summary);
          summaries.push(summary);
          await recordLoad(manager, module.name, version, {
            importer,
            operation: LoadOperation.SEED,
            synthetic: file.synthetic,
            seed: options.seed,
            scale: options.scale,
            path: file.path,
            checksum: file.checksum,
            summary,
          });
        }
        results.push({
          dataset: module.name,
          outcome: parts.some((part) => part.rows > 0) ? 'REPLACED' : 'LOADED',
          before,
          version,
          summaries,
        });
      }
      await withSpan('refresh summaries', {}, () =>
        refreshSummaries(manager, catalog.facts, changedTables),
      );
      return results;
    });
  });
  const changed = results.filter((r) => r.outcome !== 'UNCHANGED').map((r) => r.dataset);
  if (changed.length > 0) await refreshPlannerStatistics(dataSource);
  await datasetsChanged(changed);
  return results;
}

/** True when no importable table of any dataset holds a row (a new database). */
export async function databaseIsEmpty(dataSource: DataSource, catalog: Catalog): Promise<boolean> {
  for (const importer of catalog.importers) {
    if (await dataSource.manager.getRepository(importer.target).exists()) return false;
  }
  return true;
}

function importerOf(module: DatasetModule, name: string): DatasetImporter<ObjectLiteral> {
  const importer = module.importers?.find((i) => i.name === name);
  if (!importer) throw new Error(`${module.name} has no importer ${name}`);
  return importer;
}

function countRows(manager: EntityManager, importer: DatasetImporter<ObjectLiteral>) {
  return manager.getRepository(importer.target).count();
}

/** The entities an importer's table refers to by foreign key. */
function referencedTargets(manager: EntityManager, importer: DatasetImporter<ObjectLiteral>) {
  return manager.connection
    .getMetadata(importer.target)
    .foreignKeys.map((key) => key.referencedEntityMetadata.target);
}

/** Deletes every row of the importer's table; returns the partition values it held. */
async function deleteRows(
  manager: EntityManager,
  importer: DatasetImporter<ObjectLiteral>,
): Promise<Set<unknown>> {
  const emptied = new Set<unknown>();
  if (importer.partition) {
    const column = manager.connection
      .getMetadata(importer.target)
      .findColumnWithPropertyName(importer.partition);
    if (!column)
      throw new Error(`${importer.name}: partition ${importer.partition} is not a column`);
    const rows: { value: unknown }[] = await manager
      .createQueryBuilder(importer.target, 't')
      .select(`DISTINCT t.${column.databaseName}`, 'value')
      .getRawMany();
    for (const row of rows) emptied.add(row.value);
  }
  await manager.createQueryBuilder().delete().from(importer.target).execute();
  return emptied;
}

async function nextVersion(manager: EntityManager, dataset: string): Promise<number> {
  const row: { version: number | string | null } | undefined = await manager
    .createQueryBuilder()
    .select('MAX(v.version)', 'version')
    .from(DatasetVersion, 'v')
    .where('v.dataset = :dataset', { dataset })
    .getRawOne();
  return Number(row?.version ?? 0) + 1;
}

interface LoadRecord {
  importer: DatasetImporter<ObjectLiteral>;
  operation: LoadOperation;
  synthetic: boolean;
  seed: string | null;
  scale: number | null;
  path: string;
  checksum: string;
  summary: ImportSummary;
}

async function recordLoad(
  manager: EntityManager,
  dataset: string,
  version: number,
  load: LoadRecord,
): Promise<void> {
  const { summary } = load;
  await manager.getRepository(DatasetVersion).insert({
    dataset,
    version,
    importer: load.importer.name,
    operation: load.operation,
    synthetic: load.synthetic,
    seed: load.seed,
    scale: load.scale,
    fileName: basename(load.path),
    checksum: load.checksum,
    rowsIn: summary.rowsIn,
    inserted: summary.inserted,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
    rowCount: await countRows(manager, load.importer),
    loadedAt: new Date().toISOString(),
  });
}
