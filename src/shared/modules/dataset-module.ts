import type { ClassType } from 'type-graphql';
import type { MigrationInterface, ObjectLiteral } from 'typeorm';
import type { FactDefinition, RowListDefinition } from '../facts';
import type { Role } from '../auth';
import type { DatasetGenerator } from '../generator';
import type { DatasetImporter, ColumnReference } from '../import';
import type { IndicatorComputation } from '../indicators';
import type { SdmxDeclaration } from '../sdmx';

export type MigrationClass = new () => MigrationInterface;

/**
 * Everything one dataset brings to the hub. A dataset is a folder that exports one of these;
 * `src/datasets/modules.ts` lists them, and every registry (tables, schema, importers,
 * generators, indicator computations, access rules, provenance) is derived from that list.
 */
export interface DatasetModule {
  /** Stable name: used for versions (`datasets { name }`), `seed --datasets`, messages. */
  name: string;
  description: string;
  /** TypeORM entities (tables) the dataset owns. */
  entities: readonly ClassType<ObjectLiteral>[];
  /** Aggregates exposed in the graph; their GraphQL types, root fields, nested fields and links are derived. */
  facts?: readonly FactDefinition[];
  /** Lists of table rows in the graph; their root fields, types, resolvers and access are derived. */
  rowLists?: readonly RowListDefinition[];
  /** Hand-written type-graphql resolvers (computed views, fields of row types). */
  resolvers?: readonly ClassType[];
  /**
   * Types other services may reference by key in a federated supergraph (Apollo Federation 2
   * `@key`): each is resolved from its key through the same batched lookup as the graph's own.
   */
  federationKeys?: readonly ColumnReference[];
  /** CSV formats the dataset loads; each importer's table is one part of the dataset. */
  importers?: readonly DatasetImporter<ObjectLiteral>[];
  /** Deterministic synthetic (or reference) data, written as the importers' CSV files. */
  generator?: DatasetGenerator;
  /** Published indicators this dataset computes (the indicators slice reconciles them). */
  indicators?: readonly IndicatorComputation[];
  /**
   * What the dataset publishes as SDMX: dataflows (usually `factDataflow` over its facts) and
   * the categories of the hub's category scheme it owns.
   */
  sdmx?: SdmxDeclaration;
  /**
   * Who may read what, by graph field (a fact's name, or a hand-written `@Authorized()` field):
   * anything not listed is open to every role. A row list declares its roles itself.
   */
  access?: Readonly<Record<string, readonly Role[]>>;
  /**
   * Migrations that come with the module, for datasets kept outside this repository. The
   * repository's own datasets generate theirs into `migrations/<driver>/`.
   */
  migrations?: { sqlite: readonly MigrationClass[]; mysql: readonly MigrationClass[] };
}

/** Identity, for type inference and a place to read the contract from at the declaration. */
export function defineDatasetModule(module: DatasetModule): DatasetModule {
  return module;
}
