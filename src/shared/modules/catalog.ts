import type { ClassType } from 'type-graphql';
import type { ObjectLiteral } from 'typeorm';
import { tableOf } from '../../db/entity-tables';
import { tablesRead } from '../aggregation';
import type { DimensionLink, FactDefinition } from '../facts';
import { type Role, ApiKey } from '../auth';
import type { DatasetGenerator } from '../generator';
import { importerColumnProblems, type DatasetImporter, type ColumnReference } from '../import';
import type { IndicatorComputation } from '../indicators';
import { DatasetVersion } from '../versions';
import { SavedQueryRecord } from '../saved-queries';
import { SdmxRegistry } from '../sdmx';
import type { DatasetModule, MigrationClass } from './dataset-module';

type Importer = DatasetImporter<ObjectLiteral>;

/**
 * Tables every hub has, whatever its datasets: provenance of the loads,
 * API keys, the saved-query registry.
 */
const CORE_ENTITIES: readonly ClassType<ObjectLiteral>[] = [
  DatasetVersion,
  ApiKey,
  SavedQueryRecord,
];

/**
 * Every registry of the hub, derived from one list of dataset modules: tables, facts (whose
 * GraphQL resolvers `src/shared/graph` derives), importers, generators in order, indicator
 * computations, access rules and which dataset owns which table. Nothing else names datasets.
 */
export class Catalog {
  readonly entities: readonly ClassType<ObjectLiteral>[];
  readonly importers: readonly Importer[];
  readonly generators: readonly { module: DatasetModule; generator: DatasetGenerator }[];
  readonly indicatorComputations: ReadonlyMap<string, IndicatorComputation>;
  readonly facts: readonly FactDefinition[];
  /** The types other services reference by key in a supergraph (`@key`), with their keys. */
  readonly federationKeys: readonly ColumnReference[];
  /** The SDMX structures derived from the modules' dataflow declarations. */
  readonly sdmx: SdmxRegistry;
  private readonly importerModule = new Map<string, DatasetModule>();
  private readonly tableDataset = new Map<string, string>();
  private readonly access = new Map<string, readonly Role[]>();

  constructor(readonly modules: readonly DatasetModule[]) {
    const problems: string[] = [];
    const unique = (kind: string, names: readonly string[]) => {
      const duplicate = names.find((name, i) => names.indexOf(name) !== i);
      if (duplicate) problems.push(`${kind} ${duplicate} is declared twice`);
    };
    unique(
      'dataset',
      modules.map((m) => m.name),
    );
    this.entities = [...CORE_ENTITIES, ...modules.flatMap((m) => m.entities)];
    this.facts = modules.flatMap((m) => m.facts ?? []);
    unique(
      'fact',
      this.facts.map((f) => f.name),
    );
    this.federationKeys = modules.flatMap((m) => m.federationKeys ?? []);
    this.sdmx = new SdmxRegistry(modules.flatMap((m) => (m.sdmx ? [m.sdmx] : [])));
    for (const flow of this.sdmx.flows)
      if (flow.fact && !this.facts.some((fact) => fact.name === flow.fact))
        problems.push(
          `dataflow ${flow.id} reads the fact ${flow.fact}, which no module puts in the graph`,
        );
    this.importers = modules.flatMap((m) => m.importers ?? []);
    unique(
      'importer',
      this.importers.map((i) => i.name),
    );
    for (const module of modules) {
      for (const importer of module.importers ?? []) {
        this.importerModule.set(importer.name, module);
        problems.push(...importerColumnProblems(importer));
      }
      for (const entity of module.entities) this.tableDataset.set(tableOf(entity), module.name);
      const rowListAccess = (module.rowLists ?? []).map((list) => [list.name, list.roles] as const);
      for (const [resource, roles] of [...Object.entries(module.access ?? {}), ...rowListAccess]) {
        if (this.access.has(resource)) problems.push(`access to ${resource} is declared twice`);
        this.access.set(resource, roles);
      }
    }
    // Every table a fact reads belongs to a dataset, so its answers carry that dataset's version
    // (a table no module declares would leave a cached answer without it: stale after a load).
    for (const fact of this.facts) {
      for (const table of tablesRead(fact, Object.keys(fact.dimensions)))
        if (!this.tableDataset.has(table))
          problems.push(
            `fact ${fact.name} reads ${table}, which no dataset module's entities declare`,
          );
    }
    this.generators = modules.flatMap((module) =>
      module.generator ? [{ module, generator: module.generator }] : [],
    );
    const computations = modules.flatMap((m) => m.indicators ?? []);
    unique(
      'indicator computation',
      computations.map((c) => c.indicatorCode),
    );
    this.indicatorComputations = new Map(computations.map((c) => [c.indicatorCode, c]));
    if (problems.length > 0) throw new Error(`dataset modules: ${problems.join('; ')}`);
  }

  /**
   * Where a principal's entity scope points: the table and key of the dimension that the facts
   * scope by (`entityDimension`), e.g. the entities' `code`; null when no fact is scoped.
   */
  get entityScopeTable(): DimensionLink | null {
    for (const fact of this.facts) {
      const link = fact.entityDimension ? fact.dimensions[fact.entityDimension].link : undefined;
      if (link) return link;
    }
    return null;
  }

  importer(name: string): Importer | undefined {
    return this.importers.find((importer) => importer.name === name);
  }

  /** The dataset an importer belongs to. */
  moduleOfImporter(name: string): DatasetModule {
    const module = this.importerModule.get(name);
    if (!module) throw new Error(`no dataset has an importer named ${name}`);
    return module;
  }

  module(name: string): DatasetModule | undefined {
    return this.modules.find((module) => module.name === name);
  }

  /** The dataset that owns a table; undefined for the hub's own tables. */
  datasetOfTable(table: string): string | undefined {
    return this.tableDataset.get(table);
  }

  tableOfImporter(name: string): string {
    const importer = this.importer(name);
    if (!importer) throw new Error(`no importer named ${name}`);
    return tableOf(importer.target);
  }

  /** Roles that may read a graph field; undefined when no module restricts it. */
  rolesFor(resource: string): readonly Role[] | undefined {
    return this.access.get(resource);
  }

  /** Migrations that modules bring themselves (the repository's are in migrations/<driver>/). */
  moduleMigrations(driver: 'sqlite' | 'mysql'): MigrationClass[] {
    return this.modules.flatMap((module) => [...(module.migrations?.[driver] ?? [])]);
  }
}

export function createCatalog(modules: readonly DatasetModule[]): Catalog {
  return new Catalog(modules);
}
