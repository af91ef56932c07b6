import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { loadConfig, type Config } from '../../src/config/config';
import { openDataSource } from '../../src/db/data-source';
import { measureSql } from '../../src/db/sql-statement-counter';
import { GENERATORS } from '../../src/datasets/generators';
import { findImporter } from '../../src/datasets/importers';
import { ANONYMOUS, type Principal } from '../../src/shared/auth/principal';
import { runSeed } from '../../src/shared/generator/seed-runner';
import { silentLogger } from '../../src/shared/logging/logger';
import { createRequestContext, type RequestContext } from '../../src/server/context';
import { createApolloServer } from '../../src/server/server';
import type { TestDatabase } from './databases';

export interface GraphQLResult {
  data: Record<string, unknown> | null | undefined;
  errors:
    | {
        message: string;
        extensions?: Record<string, unknown>;
        path?: readonly (string | number)[];
      }[]
    | undefined;
  /** SQL statements the operation ran. */
  statements: string[];
}

export interface Harness {
  dataSource: DataSource;
  config: Config;
  execute(
    query: string,
    options?: { variables?: Record<string, unknown>; principal?: Principal },
  ): Promise<GraphQLResult>;
  close(): Promise<void>;
}

/** A migrated database (seeded with synthetic data at `seedScale`, if given) and an in-process server. */
export async function openHarness(
  database: TestDatabase,
  options: { seedScale?: number; env?: Record<string, string> } = {},
): Promise<Harness> {
  const { config: databaseConfig, drop } = await database.create();
  const config: Config = { ...loadConfig(options.env ?? {}), database: databaseConfig };
  const dataSource = await openDataSource(databaseConfig, silentLogger);
  await dataSource.runMigrations({ transaction: 'each' });
  if (options.seedScale) {
    const outDir = await mkdtemp(join(tmpdir(), 'rg-seed-'));
    await runSeed(dataSource, GENERATORS, findImporter, {
      scale: options.seedScale,
      seed: '1',
      outDir,
    });
    await rm(outDir, { recursive: true, force: true });
  }
  const server: ApolloServer<RequestContext> = await createApolloServer(config, silentLogger);
  await server.start();
  return {
    dataSource,
    config,
    async execute(query, { variables, principal = ANONYMOUS } = {}) {
      const { result, statements } = await measureSql(() =>
        server.executeOperation(
          { query, variables },
          { contextValue: createRequestContext(dataSource, config, principal) },
        ),
      );
      if (result.body.kind !== 'single') throw new Error('unexpected incremental response');
      const { data, errors } = result.body.singleResult;
      return { data, errors: errors as GraphQLResult['errors'], statements };
    },
    async close() {
      await server.stop();
      await dataSource.destroy();
      await drop();
    },
  };
}
