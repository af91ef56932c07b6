/* Benchmark: `npm run bench`. Compares, in one run and on the same data, the batched nested
 * aggregate (one GROUP BY for all entities) with the N+1 baseline it replaces (one aggregate
 * query per entity). Timings are medians of repeated runs; they are measurements, not tests. */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/config/config';
import { openDataSource } from '../../src/db/data-source';
import { measureSql } from '../../src/db/sql-statement-counter';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { WORKFORCE } from '../../src/datasets/staffing';
import { SecretariatEntity } from '../../src/dimensions';
import { runAggregate } from '../../src/shared/aggregation/aggregate-query';
import { Disclosure } from '../../src/shared/aggregation/aggregate.definition';
import { ANONYMOUS } from '../../src/shared/auth/principal';
import { seedDatasets } from '../../src/shared/loading/dataset-loads';
import { silentLogger } from '../../src/shared/logging/logger';
import { createCatalog } from '../../src/shared/modules/catalog';
import { createRequestContext } from '../../src/server/request-context';
import { createApolloServer } from '../../src/server/server';

const SCALE = 0.5;
const RUNS = 30;

async function time(
  work: () => Promise<unknown>,
): Promise<{ median: number; p95: number; statements: number }> {
  const samples: number[] = [];
  let statements = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const { statements: sql } = await measureSql(async () => work());
    samples.push(performance.now() - start);
    statements = sql.length;
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(RUNS / 2)],
    p95: samples[Math.floor(RUNS * 0.95)],
    statements,
  };
}

async function main(): Promise<void> {
  // SQLite in memory by default; DATABASE_URL=mysql://... benchmarks MySQL/MariaDB (an empty database).
  const fromEnv = loadConfig();
  const config =
    fromEnv.database.type === 'mysql'
      ? { ...loadConfig({}), database: fromEnv.database }
      : { ...loadConfig({}), database: { type: 'sqlite' as const, path: ':memory:' } };
  const catalog = createCatalog(DATASET_MODULES);
  const dataSource = await openDataSource(config.database, catalog, silentLogger);
  await dataSource.runMigrations();
  const outDir = await mkdtemp(join(tmpdir(), 'rg-bench-'));
  process.stdout.write(`seeding scale ${SCALE} into ${config.database.type}...\n`);
  await seedDatasets(dataSource, catalog, { scale: SCALE, seed: '1', outDir, replace: true });
  await rm(outDir, { recursive: true, force: true });
  const server = await createApolloServer(config, silentLogger, catalog);
  await server.start();

  const query = '{ entities { code workforce(year: 2021) { headcount womenShare } } }';
  const batched = await time(() =>
    server.executeOperation(
      { query },
      { contextValue: createRequestContext(dataSource, config, ANONYMOUS, catalog, silentLogger) },
    ),
  );
  const codes = (await dataSource.getRepository(SecretariatEntity).find()).map((e) => e.code);
  const baseline = await time(() =>
    Promise.all(
      codes.map((code) =>
        runAggregate(dataSource, WORKFORCE, {
          groupBy: [],
          where: [
            { dimension: 'YEAR', op: 'in', values: [2021] },
            { dimension: 'ENTITY', op: 'in', values: [code] },
          ],
          entityScope: null,
          disclosure: Disclosure.PERTURBED,
        }),
      ),
    ),
  );
  const row = (name: string, r: { median: number; p95: number; statements: number }) =>
    `| ${name} | ${r.statements} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} |`;
  process.stdout.write(
    [
      `\n${config.database.type}: ${codes.length} entities, workforce(year: 2021), ${RUNS} runs each, scale ${SCALE}\n`,
      '| variant | SQL statements | median ms | p95 ms |',
      '|---|---|---|---|',
      row('batched (DataLoader, one GROUP BY)', batched),
      row('baseline (one query per entity)', baseline),
      `\nbaseline / batched (median): ${(baseline.median / batched.median).toFixed(1)}x\n`,
    ].join('\n'),
  );
  await server.stop();
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
