#!/usr/bin/env node
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type Config } from '../config/config';
import { openDataSource } from '../db/data-source';
import { GENERATORS } from '../datasets/generators';
import { findImporter, IMPORTERS } from '../datasets/importers';
import { StaffYear } from '../datasets/staffing/staff-year.entity';
import { runSeed } from '../shared/generator/seed-runner';
import {
  ImportRejectedError,
  importCsv,
  type ImportSummary,
} from '../shared/import/import-pipeline';
import { importFormatsMarkdown } from '../shared/import/import-formats';
import { createLogger, type Logger } from '../shared/logging/logger';
import { projectRoot } from '../shared/project-root';
import { EXAMPLE_QUERY } from '../server/landing-page';
import { printAppSchema } from '../server/schema';
import { startServer } from '../server/server';
import { terminalProgress } from './progress-bar';

const scaleOption = (value: string): number => {
  const scale = Number(value);
  if (!(scale > 0 && scale <= 2))
    throw new InvalidArgumentError('scale must be a number in (0, 2]');
  return scale;
};

async function withDatabase<T>(
  config: Config,
  logger: Logger,
  work: (ds: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = await openDataSource(config.database, logger);
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

function printSummary(summary: ImportSummary): void {
  const { dataset, rowsIn, inserted, updated, unchanged, rejected } = summary;
  process.stdout.write(
    `${dataset}: ${rowsIn} rows in = ${inserted} inserted + ${updated} updated + ${unchanged} unchanged + ${rejected} rejected\n`,
  );
  for (const issue of summary.issues.slice(0, 50)) {
    process.stdout.write(
      `  line ${issue.line}${issue.column ? `, column ${issue.column}` : ''}: ${issue.message}\n`,
    );
  }
  if (summary.issues.length > 50)
    process.stdout.write(`  ... and ${summary.issues.length - 50} more\n`);
}

async function seed(
  dataSource: DataSource,
  scale: number,
  seedValue: string,
  logger: Logger,
): Promise<void> {
  const outDir = join(projectRoot(), 'data', 'seed', `scale-${scale}-seed-${seedValue}`);
  logger.info({ scale, seed: seedValue, outDir }, 'generating synthetic data');
  await runSeed(dataSource, GENERATORS, findImporter, {
    scale,
    seed: seedValue,
    outDir,
    progress: (name) => terminalProgress(name),
    onImported: printSummary,
  });
}

export function buildProgram(): Command {
  const program = new Command('reformgraph')
    .description('GraphQL data hub over UN Secretariat human-resources data')
    .showHelpAfterError();

  program
    .command('serve')
    .description('migrate the database and serve GraphQL')
    .option(
      '--demo',
      'seed synthetic demo data first if the database has no staff data (scale DEMO_SCALE)',
    )
    .action(async (options: { demo?: boolean }) => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const dataSource = await openDataSource(config.database, logger);
      await dataSource.runMigrations({ transaction: 'each' });
      if (options.demo && (await dataSource.getRepository(StaffYear).count()) === 0) {
        await seed(dataSource, config.demoScale, '1', logger);
      }
      const server = await startServer(dataSource, config, logger);
      const shown = server.url.replace('0.0.0.0', 'localhost').replace(/\/$/, '');
      const url = `${shown}/graphql`;
      process.stdout.write(
        `\nreformgraph is serving GraphQL at ${url}\n` +
          `(${config.database.type === 'sqlite' ? `SQLite ${config.database.path}` : 'MySQL/MariaDB'})\n\n` +
          `Open it in a browser, or try:\n\ncurl -s ${url} -H 'content-type: application/json' \\\n` +
          `  --data '${JSON.stringify({ query: '{ workforce(year: 2021) { headcount womenShare } }' })}'\n\n` +
          `Example query:\n${EXAMPLE_QUERY}\n`,
      );
      const shutdown = async () => {
        await server.stop();
        await dataSource.destroy();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });

  program
    .command('migrate')
    .description('run pending migrations')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const dataSource = await openDataSource(config.database, logger);
      try {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        process.stdout.write(
          applied.length
            ? applied.map((m) => `applied ${m.name}\n`).join('')
            : 'database is up to date\n',
        );
      } finally {
        await dataSource.destroy();
      }
    });

  program
    .command('seed')
    .description('generate deterministic synthetic data and load it through the import pipeline')
    .option(
      '--scale <scale>',
      '1 = the real Secretariat (about 36,000 staff a year)',
      scaleOption,
      0.1,
    )
    .option('--seed <seed>', 'random seed; same seed and scale give the same data', '1')
    .action(async (options: { scale: number; seed: string }) => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      await withDatabase(config, logger, (ds) => seed(ds, options.scale, options.seed, logger));
    });

  program
    .command('import')
    .description(`import a CSV file: datasets ${IMPORTERS.map((i) => i.name).join(', ')}`)
    .argument('<dataset>', 'dataset name')
    .argument('<file>', 'CSV file with a header row')
    .option('--skip-invalid', 'import the valid rows and report the others as rejected')
    .option('--dry-run', 'validate and count, write nothing')
    .action(
      async (
        dataset: string,
        file: string,
        options: { skipInvalid?: boolean; dryRun?: boolean },
      ) => {
        const importer = findImporter(dataset);
        if (!importer) {
          throw new InvalidArgumentError(
            `unknown dataset ${dataset}; one of ${IMPORTERS.map((i) => i.name).join(', ')}`,
          );
        }
        const config = loadConfig();
        const logger = createLogger(config.logLevel);
        await withDatabase(config, logger, async (ds) => {
          const summary = await importCsv(ds, importer, file, {
            ...options,
            progress: terminalProgress(dataset),
          });
          printSummary(summary);
        });
      },
    );

  program
    .command('formats')
    .description('print the documented CSV columns of every importable dataset (Markdown)')
    .action(() => {
      process.stdout.write(importFormatsMarkdown(IMPORTERS));
    });

  program
    .command('schema')
    .description(
      'write the GraphQL schema (SDL) to schema/schema.graphql, or print it with --stdout',
    )
    .option('--stdout', 'print instead of writing')
    .action(async (options: { stdout?: boolean }) => {
      const sdl = await printAppSchema();
      if (options.stdout) process.stdout.write(sdl);
      else await writeFile(join(projectRoot(), 'schema', 'schema.graphql'), sdl);
    });

  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      if (error instanceof ImportRejectedError) {
        process.stderr.write(`${error.message}\n`);
        printSummary(error.summary);
      } else if (error instanceof ConfigError || error instanceof InvalidArgumentError) {
        process.stderr.write(`${error.message}\n`);
      } else {
        process.stderr.write(
          `reformgraph: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      }
      process.exit(1);
    });
}
