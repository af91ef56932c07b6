import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { loadConfig, type Config, type DatabaseConfig } from '../../src/config/config';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { openDataSource } from '../../src/db/data-source';
import { migrateDatabase } from '../../src/shared/loading/migrate';
import { measureSql, SqlCount } from '../../src/db/sql-statement-counter';
import { ANONYMOUS, type Principal } from '../../src/shared/auth/principal';
import type { RequestContext } from '../../src/shared/graph/context';
import {
  importFile,
  seedDatasets,
  type ImportFileOptions,
  type ImportResult,
} from '../../src/shared/loading/dataset-loads';
import { silentLogger, type Logger } from '../../src/shared/logging/logger';
import { createCatalog, type Catalog } from '../../src/shared/modules/catalog';
import type { DatasetModule } from '../../src/shared/modules/dataset-module';
import { createRequestContext } from '../../src/server/request-context';
import { createApolloServer, startServer, type RunningServer } from '../../src/server/server';
import { buildAppSchema } from '../../src/server/schema';
import { SavedQueryRegistry } from '../../src/shared/saved-queries/registry';
import { SavedQueryRecord } from '../../src/shared/saved-queries/saved-query.entity';
import type { TestDatabase } from './databases';
import { seedFromTemplate } from './seeded-templates';

export interface GraphQLResult {
  data: Record<string, unknown> | null | undefined;
  errors:
    | {
        message: string;
        extensions?: Record<string, unknown>;
        path?: readonly (string | number)[];
      }[]
    | undefined;
  extensions: Record<string, unknown> | undefined;
  /** SQL statements the operation ran. */
  statements: string[];
  /** The statements its data facade counted for the request metrics (the same, or a bug). */
  counted: readonly string[];
}

export interface Harness {
  dataSource: DataSource;
  catalog: Catalog;
  config: Config;
  execute(
    query: string,
    options?: { variables?: Record<string, unknown>; principal?: Principal },
  ): Promise<GraphQLResult>;
  /** `reformgraph import <importer> <file>` through the same code path. */
  importFile(
    importer: string,
    file: string,
    options?: Omit<ImportFileOptions, 'recordKeySecret'>,
  ): Promise<ImportResult>;
  /**
   * The hub's HTTP server over this harness's database and catalog, on a free port of
   * 127.0.0.1, logging nothing; `change` adjusts its configuration. The caller stops it.
   */
  serve(change?: (config: Config) => Config): Promise<RunningServer>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /**
   * Seed synthetic data at this scale (seed 1): with the hub's own modules, copied from the run's
   * template of that scale (seeded once, by the first suite that asks: seeded-templates.ts).
   */
  seedScale?: number;
  /** Load only these datasets when seeding (all generators still run). */
  seedDatasets?: readonly string[];
  env?: Record<string, string>;
  /** The dataset modules to serve; the hub's own list by default. */
  modules?: readonly DatasetModule[];
  /** SQLite in a file instead of memory, for tests that also run the CLI on the database. */
  file?: boolean;
  /** Runs on the new database before the harness opens it (e.g. the CLI seeding it). */
  prepare?: (config: DatabaseConfig) => Promise<void>;
  /** Logger of the requests (silent by default). */
  logger?: Logger;
}

/** A migrated database (seeded with synthetic data at `seedScale`, if given) and an in-process server. */
export async function openHarness(
  database: TestDatabase,
  options: HarnessOptions = {},
): Promise<Harness> {
  const { config: databaseConfig, drop } = await database.create({ file: options.file });
  await options.prepare?.(databaseConfig);
  const config: Config = { ...loadConfig(options.env ?? {}), database: databaseConfig };
  const catalog = createCatalog(options.modules ?? DATASET_MODULES);
  const dataSource = await openDataSource(databaseConfig, catalog, silentLogger);
  await migrateDatabase(dataSource, catalog);
  if (options.seedScale && !options.modules) {
    await seedFromTemplate(dataSource, {
      scale: options.seedScale,
      datasets: options.seedDatasets,
    });
  } else if (options.seedScale) {
    const outDir = await mkdtemp(join(tmpdir(), 'rg-seed-'));
    await seedDatasets(dataSource, catalog, {
      scale: options.seedScale,
      seed: '1',
      outDir,
      datasets: options.seedDatasets,
    });
    await rm(outDir, { recursive: true, force: true });
  }
  const server: ApolloServer<RequestContext> = await createApolloServer(
    config,
    silentLogger,
    catalog,
  );
  await server.start();
  const savedQueries = new SavedQueryRegistry(
    await buildAppSchema(catalog),
    dataSource.getRepository(SavedQueryRecord),
    config.savedQueries,
  );
  return {
    dataSource,
    catalog,
    config,
    async execute(query, { variables, principal = ANONYMOUS } = {}) {
      const counted = new SqlCount();
      const { result, statements } = await measureSql(() =>
        server.executeOperation(
          { query, variables },
          {
            contextValue: createRequestContext({
              dataSource,
              config,
              principal,
              catalog,
              logger: options.logger ?? silentLogger,
              savedQueries,
              sqlCount: counted,
            }),
          },
        ),
      );
      if (result.body.kind !== 'single') throw new Error('unexpected incremental response');
      const { data, errors, extensions } = result.body.singleResult;
      return {
        data,
        errors: errors as GraphQLResult['errors'],
        extensions,
        statements,
        counted: counted.statements,
      };
    },
    importFile: (importer, file, importOptions) =>
      importFile(dataSource, catalog, importer, file, {
        ...importOptions,
        recordKeySecret: config.recordKeySecret,
      }),
    serve: (change = (c) => c) =>
      startServer(
        dataSource,
        change({ ...config, port: 0, host: '127.0.0.1' }),
        silentLogger,
        catalog,
      ),
    async close() {
      await server.stop();
      await dataSource.destroy();
      await drop();
    },
  };
}
