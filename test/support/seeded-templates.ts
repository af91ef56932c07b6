/* eslint-disable no-restricted-syntax -- the test harness reads its own switches, not app config */
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../src/config/config';
import { refreshPlannerStatistics } from '../../src/db/statistics';
import { cliInChildProcess } from './cli-process';
import { cliEnv, createMysqlDatabase, dropMysqlDatabases } from './databases';

/**
 * Seeded databases built once per test run. Seeding runs the generators and the whole import
 * pipeline (about 10 s a database at scale 0.1), and two dozen suites seed the same few scales
 * on both databases; the first suite that needs a (database, scale, datasets) seeds a template
 * with `reformgraph seed` in a child process (the CLI's code in a process of its own, twice as
 * fast as inside a Jest worker), and every suite copies the template's rows into its own new,
 * migrated database (well under a second at scale 0.1). The copy holds exactly what the seed
 * wrote: facts, dimensions, rollups, summary tables, dataset versions.
 *
 * Templates live for the run: SQLite files under `RG_TEST_RUN_DIR`, MariaDB databases
 * `rg_tmpl_<run>_<key>`; global-teardown.ts removes both. Workers coordinate with a lock file:
 * one builds, the others wait for its `.ready` file (or take over if the builder failed).
 */

export interface SeedRequest {
  scale: number;
  datasets?: readonly string[];
}

const LOCK_STALE_MS = 15 * 60_000;

/** The run's directory (set by global-setup.ts; a private one when a suite runs without it). */
function runDir(): string {
  const dir = process.env.RG_TEST_RUN_DIR;
  if (!dir) throw new Error('RG_TEST_RUN_DIR is not set: jest runs test/support/global-setup.ts');
  return dir;
}

function keyOf(type: DatabaseConfig['type'], request: SeedRequest): string {
  const datasets = request.datasets ? [...request.datasets].sort().join('_') : 'all';
  return `${type}_${String(request.scale).replace('.', 'p')}_${datasets}`;
}

/** `rg_tmpl_<run id>_<key>`: the MariaDB template database of a key. */
function templateDatabase(key: string): string {
  return `rg_tmpl_${process.env.RG_TEST_RUN_ID ?? '0'}_${key}`.slice(0, 64);
}

/**
 * Fills `dataSource` (new and migrated) with the rows of a database seeded at `request`,
 * seeding the run's template first if no worker has yet.
 */
export async function seedFromTemplate(
  dataSource: DataSource,
  request: SeedRequest,
): Promise<void> {
  const type = dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  const key = keyOf(type, request);
  const template = await ensureTemplate(key, request, type);
  if (type === 'sqlite') await copySqlite(dataSource, template);
  else await copyMysql(dataSource, template);
}

/** Where the template of `key` is (a file or a database name), building it if needed. */
async function ensureTemplate(
  key: string,
  request: SeedRequest,
  type: DatabaseConfig['type'],
): Promise<string> {
  const dir = runDir();
  const lock = join(dir, `${key}.lock`);
  const ready = join(dir, `${key}.ready`);
  for (;;) {
    const done = await readFile(ready, 'utf8').catch(() => undefined);
    if (done !== undefined) return done;
    const handle = await open(lock, 'wx').catch(() => undefined);
    if (handle) {
      await handle.close();
      try {
        const where = await buildTemplate(key, request, type);
        await writeFile(ready, where);
        return where;
      } finally {
        await rm(lock, { force: true });
      }
    }
    // Another worker builds it; a lock older than any build is from a worker that died.
    const age = await stat(lock).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > LOCK_STALE_MS) await rm(lock, { force: true });
    await sleep(250);
  }
}

async function buildTemplate(
  key: string,
  request: SeedRequest,
  type: DatabaseConfig['type'],
): Promise<string> {
  let config: DatabaseConfig;
  let where: string;
  if (type === 'sqlite') {
    where = join(runDir(), `${key}.sqlite`);
    await rm(where, { force: true });
    config = { type: 'sqlite', path: where };
  } else {
    where = templateDatabase(key);
    config = await createMysqlDatabase(where);
  }
  // `reformgraph seed` (migrations, generators, the import pipeline) in a process of its own.
  const seedDir = await mkdtemp(join(tmpdir(), 'rg-seed-'));
  try {
    const datasets = request.datasets ? ['--datasets', request.datasets.join(',')] : [];
    await cliInChildProcess(
      ['seed', '--scale', String(request.scale), '--seed', '1', ...datasets],
      cliEnv(config, seedDir),
    );
  } finally {
    await rm(seedDir, { recursive: true, force: true });
  }
  return where;
}

/** The tables a template holds rows of: all but the migrations (the new database ran them). */
const skipped = (table: string): boolean => table === 'migrations' || table.startsWith('sqlite_');

async function copySqlite(dataSource: DataSource, file: string): Promise<void> {
  await dataSource.query('ATTACH DATABASE ? AS tmpl', [file]);
  try {
    const tables = (
      (await dataSource.query("SELECT name FROM tmpl.sqlite_master WHERE type = 'table'")) as {
        name: string;
      }[]
    )
      .map((t) => t.name)
      .filter((t) => !skipped(t));
    await dataSource.transaction(async (manager) => {
      // The copy is consistent once committed; table by table it is not (foreign keys).
      await manager.query('PRAGMA defer_foreign_keys = ON');
      for (const table of tables) {
        await manager.query(`DELETE FROM main."${table}"`);
        await manager.query(`INSERT INTO main."${table}" SELECT * FROM tmpl."${table}"`);
      }
    });
  } finally {
    await dataSource.query('DETACH DATABASE tmpl');
  }
  // What the seed does after a load (the template's statistics are not copied).
  await refreshPlannerStatistics(dataSource);
}

async function copyMysql(dataSource: DataSource, template: string): Promise<void> {
  const tables = (
    (await dataSource.query(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?',
      [template],
    )) as { name: string }[]
  )
    .map((t) => t.name)
    .filter((t) => !skipped(t));
  await dataSource.transaction(async (manager) => {
    // The copy is consistent once committed; table by table it is not (foreign keys), and
    // MariaDB checks them row by row.
    await manager.query('SET FOREIGN_KEY_CHECKS = 0');
    try {
      for (const table of tables) {
        await manager.query(`DELETE FROM \`${table}\``);
        await manager.query(`INSERT INTO \`${table}\` SELECT * FROM \`${template}\`.\`${table}\``);
      }
    } finally {
      await manager.query('SET FOREIGN_KEY_CHECKS = 1');
    }
  });
}

/** Removes the run's MariaDB templates (global-teardown.ts; the SQLite files go with the run dir). */
export async function dropTemplates(): Promise<void> {
  const prefix = `rg_tmpl_${process.env.RG_TEST_RUN_ID ?? '0'}_`;
  await dropMysqlDatabases('rg\\_tmpl\\_%', (name) => name.startsWith(prefix));
}

/** Drops the templates of runs whose jest process is gone (killed before its teardown). */
export async function dropAbandonedTemplates(): Promise<void> {
  await dropMysqlDatabases('rg\\_tmpl\\_%', (name) => {
    const pid = parseInt(name.split('_')[2] ?? '', 36);
    return Number.isFinite(pid) && !alive(pid);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
