#!/usr/bin/env node
// First: tracing, when configured, must patch http, express and graphql before they load.
import '../shared/tracing/register';
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type Config } from '../config/config';
import { DATASET_MODULES } from '../datasets/modules';
import { openDataSource } from '../db/data-source';
import {
  migrateDatabase,
  LoadConflictError,
  databaseIsEmpty,
  importFile,
  seedDatasets,
  type SeedResult,
  readDatasetStates,
} from '../shared/loading';
import { ImportRejectedError, type ImportSummary, importFormatsMarkdown } from '../shared/import';
import {
  createApiKey,
  listApiKeys,
  revokeApiKey,
  mintDevToken,
  KnownEntities,
  scopeProblem,
  parseRole,
  type Role,
} from '../shared/auth';
import { createLogger, type Logger } from '../shared/logging';
import { createCatalog, type DatasetModule } from '../shared/modules';
import { projectRoot } from '../shared/project-root';
import { flushTracing } from '../shared/tracing';
import type { DatasetState } from '../shared/versions';
import { terminalProgress } from './progress-bar';

export interface CliOptions {
  /** The datasets the hub serves; the list in src/datasets/modules.ts unless a test brings its own. */
  modules?: readonly DatasetModule[];
  /** Environment to read configuration from (default: the process's). */
  env?: Record<string, string | undefined>;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

const scaleOption = (value: string): number => {
  const scale = Number(value);
  if (!(scale > 0 && scale <= 4))
    throw new InvalidArgumentError('scale must be a number in (0, 4]');
  return scale;
};

const listOption = (value: string): string[] =>
  value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);

const rows = (n: number | null): string => (n === null ? 'unknown' : n.toLocaleString('en-US'));

/** The reformgraph command line, over a catalog of datasets. */
export function buildProgram(options: CliOptions = {}): Command {
  const catalog = createCatalog(options.modules ?? DATASET_MODULES);
  const out = options.out ?? ((text: string) => process.stdout.write(text));
  const config = (): Config => loadConfig(options.env);
  const importerNames = catalog.importers.map((i) => i.name).join(', ');

  async function withDatabase<T>(work: (ds: DataSource, logger: Logger) => Promise<T>) {
    const cfg = config();
    const logger = createLogger(cfg.logLevel);
    const dataSource = await openDataSource(cfg.database, catalog, logger);
    try {
      await migrateDatabase(dataSource, catalog);
      return await work(dataSource, logger);
    } finally {
      await dataSource.destroy();
    }
  }

  const printSummary = (summary: ImportSummary): void => printImportSummary(summary, out);

  /**
   * Tells running hub processes at once that datasets changed (with REDIS_URL); without Redis
   * they notice within VERSION_POLL_MS. A Redis that does not answer does not undo the load.
   */
  async function announce(
    versions: Readonly<Record<string, number>>,
    logger: Logger,
  ): Promise<void> {
    const url = config().cache.redisUrl;
    if (!url || Object.keys(versions).length === 0) return;
    // The server, Redis and Apollo are loaded by the commands that use them: the others start faster.
    const { announceDatasetChange } = await import('../shared/cache');
    await announceDatasetChange(url, versions, logger).catch((error: unknown) => {
      logger.warn({ err: error }, 'the change could not be announced on Redis');
    });
  }

  async function seed(
    dataSource: DataSource,
    logger: Logger,
    seedOptions: { scale: number; seed: string; replace?: boolean; datasets?: string[] },
  ): Promise<void> {
    const outDir = resolve(
      projectRoot(),
      config().seedDir,
      `scale-${seedOptions.scale}-seed-${seedOptions.seed}`,
    );
    logger.info({ ...seedOptions, outDir }, 'generating synthetic data');
    const results = await seedDatasets(dataSource, catalog, {
      ...seedOptions,
      outDir,
      progress: (name) => terminalProgress(name),
      onLoaded: printSummary,
    });
    const after = await readDatasetStates(dataSource.manager, catalog);
    for (const result of results) out(`${describeSeed(result, after)}\n`);
    await announce(
      Object.fromEntries(
        results.flatMap((r) =>
          r.outcome !== 'UNCHANGED' && r.version !== null ? [[r.dataset, r.version]] : [],
        ),
      ),
      logger,
    );
  }

  const program = new Command('reformgraph')
    .description('GraphQL data hub over UN Secretariat human-resources data')
    .showHelpAfterError();

  program
    .command('serve')
    .description('migrate the database and serve GraphQL')
    .option('--demo', 'seed synthetic demo data first if the database is empty (scale DEMO_SCALE)')
    .action(async (opts: { demo?: boolean }) => {
      const cfg = config();
      const logger = createLogger(cfg.logLevel);
      const dataSource = await openDataSource(cfg.database, catalog, logger);
      await migrateDatabase(dataSource, catalog);
      if (opts.demo && (await databaseIsEmpty(dataSource, catalog))) {
        await seed(dataSource, logger, { scale: cfg.demoScale, seed: '1' });
      }
      const [{ startServer }, { EXAMPLE_QUERY }] = await Promise.all([
        import('../server/server'),
        import('../server/landing-page'),
      ]);
      const server = await startServer(dataSource, cfg, logger, catalog);
      const { url, origin } = server;
      out(
        `\nreformgraph is serving GraphQL at ${url}\n` +
          `(${cfg.database.type === 'sqlite' ? `SQLite ${cfg.database.path}` : 'MySQL/MariaDB'})\n\n` +
          `Open it in a browser, or try:\n\ncurl -s ${url} -H 'content-type: application/json' \\\n` +
          `  --data '${JSON.stringify({ query: '{ workforce(year: 2021) { headcount womenShare } }' })}'\n\n` +
          `Example query:\n${EXAMPLE_QUERY}\n\n` +
          `Health ${origin}/healthz, readiness ${origin}/readyz, metrics ${origin}/metrics\n`,
      );
      const shutdown = async () => {
        await server.stop();
        await flushTracing();
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
      const cfg = config();
      const dataSource = await openDataSource(cfg.database, catalog, createLogger(cfg.logLevel));
      try {
        const applied = await migrateDatabase(dataSource, catalog);
        out(
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
    .description(
      'generate deterministic synthetic data and load it through the import pipeline, replacing ' +
        'the generated data of the datasets it loads (one transaction)',
    )
    .option(
      '--scale <scale>',
      '1 = the real Secretariat (about 36,000 staff a year)',
      scaleOption,
      0.1,
    )
    .option('--seed <seed>', 'random seed; same seed and scale give the same data', '1')
    .option(
      '--datasets <names>',
      `load only these datasets, comma separated: ${catalog.generators.map((g) => g.module.name).join(', ')}`,
      listOption,
    )
    .option('--replace', 'also replace data that was imported from files (refused otherwise)')
    .action(
      async (opts: { scale: number; seed: string; datasets?: string[]; replace?: boolean }) => {
        await withDatabase((ds, logger) => seed(ds, logger, opts));
      },
    );

  program
    .command('import')
    .description(`import a CSV file: datasets ${importerNames}`)
    .argument('<dataset>', 'importer name')
    .argument('<file>', 'CSV file with a header row')
    .option('--skip-invalid', 'import the valid rows and report the others as rejected')
    .option('--dry-run', 'validate and count, write nothing')
    .option(
      '--replace',
      "delete the table's rows first (needed to import real data over synthetic data)",
    )
    .action(
      async (
        dataset: string,
        file: string,
        opts: { skipInvalid?: boolean; dryRun?: boolean; replace?: boolean },
      ) => {
        if (!catalog.importer(dataset)) {
          throw new InvalidArgumentError(`unknown dataset ${dataset}; one of ${importerNames}`);
        }
        await withDatabase(async (ds, logger) => {
          const started = performance.now();
          const result = await importFile(ds, catalog, dataset, file, {
            ...opts,
            recordKeySecret: config().recordKeySecret,
            progress: terminalProgress(dataset),
          });
          // Running hubs learn of the new version first, then the summary is printed.
          if (result.version !== null) await announce({ [result.dataset]: result.version }, logger);
          printSummary(result.summary);
          const seconds = (performance.now() - started) / 1000;
          out(
            `took ${seconds.toFixed(1)} s (${Math.round(result.summary.rowsIn / seconds)} rows/s), ` +
              `peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`,
          );
          if (opts.dryRun) out('dry run: nothing was written\n');
          else if (result.version === null)
            out(`${result.dataset}: unchanged (the file holds what is stored)\n`);
          else
            out(
              `${result.dataset}: version ${result.version}` +
                (result.replaced ? ` (replaced ${result.before})\n` : '\n'),
            );
        });
      },
    );

  const roleOption = (value: string): Role => {
    const role = parseRole(value);
    if (!role) throw new InvalidArgumentError('role must be public, analyst, hr or conduct');
    return role;
  };
  const durationOption = (value: string): number => {
    const match = /^(\d+)\s*([smhd])$/.exec(value.trim());
    if (!match) throw new InvalidArgumentError('give a duration such as 90d, 12h, 30m or 45s');
    const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as 's' | 'm' | 'h' | 'd'];
    return Number(match[1]) * unit;
  };

  const keys = program
    .command('keys')
    .description('API keys for BI tools that cannot do OAuth (stored hashed, revocable)');
  keys
    .command('create')
    .description('create a key and print it once')
    .requiredOption('--role <role>', 'public, analyst, hr or conduct', roleOption)
    .option('--entity <codes>', 'entity codes the key may see, comma separated', listOption)
    .option('--label <label>', 'what the key is for', 'API key')
    .option('--expires <duration>', 'expire after this long, e.g. 90d', durationOption)
    .action(async (opts: { role: Role; entity?: string[]; label: string; expires?: number }) => {
      await withDatabase(async (ds) => {
        const problem = await scopeProblem(new KnownEntities(ds, catalog), opts.entity ?? null);
        if (problem) throw new InvalidArgumentError(`${problem}: no key was created.`);
        const { id, key } = await createApiKey(ds, {
          role: opts.role,
          entities: opts.entity ?? null,
          label: opts.label,
          expiresAt: opts.expires ? new Date(Date.now() + opts.expires * 1000) : null,
        });
        out(`${key}\n`);
        out(
          `key ${id} (${opts.role.toLowerCase()}${opts.entity ? `, entities ${opts.entity.join(', ')}` : ''}): ` +
            'shown once; send it as "Authorization: Bearer <key>" or as ?api_key=<key> on GET.\n',
        );
      });
    });
  keys
    .command('list')
    .description('list the keys (never their secrets)')
    .action(async () => {
      await withDatabase(async (ds) => {
        for (const k of await listApiKeys(ds)) {
          const state = k.revokedAt
            ? `revoked ${k.revokedAt}`
            : k.expiresAt && Date.parse(k.expiresAt) <= Date.now()
              ? `expired ${k.expiresAt}`
              : 'active';
          out(
            `${k.id}  ${k.role.toLowerCase()}  ${k.entityScope ?? 'all entities'}  "${k.label}"  ` +
              `created ${k.createdAt}  last used ${k.lastUsedAt ?? 'never'}  ` +
              `expires ${k.expiresAt ?? 'never'}  ${state}\n`,
          );
        }
      });
    });
  keys
    .command('revoke <id>')
    .description('revoke a key: refused from the next request on')
    .action(async (id: string) => {
      await withDatabase(async (ds) => {
        if (!(await revokeApiKey(ds, id))) {
          throw new InvalidArgumentError(`no active key ${id} (see reformgraph keys list)`);
        }
        out(`key ${id} revoked\n`);
      });
    });

  program
    .command('token')
    .description('mint a short-lived JWT signed with the local development key (not in production)')
    .requiredOption('--role <role>', 'public, analyst, hr or conduct', roleOption)
    .option('--entity <codes>', 'entity codes the token may see, comma separated', listOption)
    .option('--subject <sub>', 'who the token is for', 'developer')
    .option('--ttl <duration>', 'lifetime, e.g. 1h', durationOption, 3600)
    .action(async (opts: { role: Role; entity?: string[]; subject: string; ttl: number }) => {
      const cfg = config();
      if (cfg.auth.production) {
        throw new InvalidArgumentError(
          'token mints development tokens and is refused when NODE_ENV=production',
        );
      }
      const problem = await withDatabase((ds) =>
        scopeProblem(new KnownEntities(ds, catalog), opts.entity ?? null),
      );
      if (problem) throw new InvalidArgumentError(`${problem}: no token was minted.`);
      const token = await mintDevToken(cfg.auth, {
        role: opts.role,
        entities: opts.entity ?? null,
        subject: opts.subject,
        ttlSeconds: opts.ttl,
      });
      out(`${token}\n`);
    });

  program
    .command('datasets')
    .description('list the datasets with their versions and where their data comes from')
    .action(async () => {
      await withDatabase(async (ds) => {
        for (const state of await readDatasetStates(ds.manager, catalog))
          out(describeDataset(state));
      });
    });

  program
    .command('formats')
    .description('print the documented CSV columns of every importable dataset (Markdown)')
    .action(() => {
      out(importFormatsMarkdown(catalog.importers));
    });

  program
    .command('schema')
    .description(
      'write the GraphQL schema (SDL) to schema/schema.graphql, or print it with --stdout',
    )
    .option('--stdout', 'print instead of writing')
    .action(async (opts: { stdout?: boolean }) => {
      const { printAppSchema } = await import('../server/schema');
      const sdl = await printAppSchema(catalog);
      if (opts.stdout) out(sdl);
      else await writeFile(join(projectRoot(), 'schema', 'schema.graphql'), sdl);
    });

  return program;
}

function describeSeed(result: SeedResult, after: readonly DatasetState[]): string {
  const now = after.find((state) => state.name === result.dataset);
  const current = now ? `${now.source}, ${rows(now.rowCount)} rows` : '';
  switch (result.outcome) {
    case 'UNCHANGED':
      return `${result.dataset}: unchanged at version ${result.version} (${current}: the same files are loaded)`;
    case 'LOADED':
      return `${result.dataset}: loaded version ${result.version} (${current})`;
    case 'REPLACED': {
      const { before } = result;
      const previous =
        before.version === null
          ? 'rows of unrecorded origin'
          : `version ${before.version} (${before.source}, ${rows(before.rowCount)} rows)`;
      return `${result.dataset}: replaced ${previous} with version ${result.version} (${current})`;
    }
  }
}

function describeDataset(state: DatasetState): string {
  const head =
    `${state.name}: ` +
    (state.version === null
      ? 'no recorded load'
      : `version ${state.version}, loaded ${state.loadedAt}, ${rows(state.rowCount)} rows`) +
    `\n  ${state.source}\n`;
  const parts = state.parts
    .map(
      (part) =>
        `  - ${part.importer} (${part.table}): ${part.load ? `${rows(part.load.rowCount)} rows, version ${part.load.version}` : 'no recorded load'}\n`,
    )
    .join('');
  return head + parts;
}

function printImportSummary(summary: ImportSummary, out: (text: string) => void): void {
  const { dataset, rowsIn, inserted, updated, unchanged, rejected } = summary;
  out(
    `${dataset}: ${rowsIn} rows in = ${inserted} inserted + ${updated} updated + ${unchanged} unchanged + ${rejected} rejected\n`,
  );
  for (const issue of summary.issues.slice(0, 50)) {
    out(
      `  line ${issue.line}${issue.column ? `, column ${issue.column}` : ''}: ${issue.message}\n`,
    );
  }
  if (summary.issues.length > 50) out(`  ... and ${summary.issues.length - 50} more\n`);
}

/**
 * Runs the command line and returns its exit code: 0, or 1 with a message on stderr for a
 * refused load, bad input or configuration (never a stack trace for those).
 */
export async function runCli(argv: readonly string[], options: CliOptions = {}): Promise<number> {
  const err = options.err ?? ((text: string) => process.stderr.write(text));
  const out = options.out ?? ((text: string) => process.stdout.write(text));
  const program = buildProgram(options)
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });
  const override = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  program.commands.forEach(override);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error: unknown) {
    // Commander has printed its own parse errors; InvalidArgumentError from an action has not.
    if (error instanceof CommanderError && !(error instanceof InvalidArgumentError))
      return error.exitCode;
    if (error instanceof ImportRejectedError) {
      err(`${error.message}\n`);
      // A file refused before any row was read has no summary to give.
      if (error.summary.rowsIn > 0 || error.summary.issues.length > 0)
        printImportSummary(error.summary, err);
    } else if (
      error instanceof LoadConflictError ||
      error instanceof ConfigError ||
      error instanceof InvalidArgumentError
    ) {
      err(`${error.message}\n`);
    } else {
      err(`reformgraph: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return 1;
  }
}

/** Runs the command line of this process and exits with its code (`bin/reformgraph.js`). */
export function runAsProcess(): void {
  // `reformgraph keys create | head -1`: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  void runCli(process.argv).then((code) => {
    if (code !== 0) process.exit(code);
  });
}

if (require.main === module) runAsProcess();
