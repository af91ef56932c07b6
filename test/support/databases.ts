/* eslint-disable no-restricted-syntax -- the test harness reads its own switches, not app config */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DatabaseConfig } from '../../src/config/config';

export interface TestDatabase {
  name: 'sqlite' | 'mysql';
  /**
   * Creates a fresh, empty database and returns its config and a cleanup function. SQLite is in
   * memory unless `file` is asked for (so that another process, the CLI, can open it too).
   */
  create(options?: { file?: boolean }): Promise<{ config: DatabaseConfig; drop(): Promise<void> }>;
}

/** Server URL for MySQL/MariaDB tests; each suite gets its own throw-away database on it. */
export const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
/** CI sets REQUIRE_MYSQL=1: an unreachable server then fails the run instead of skipping. */
const REQUIRE_MYSQL = process.env.REQUIRE_MYSQL === '1';
const SKIP_MYSQL = process.env.SKIP_MYSQL === '1';

let counter = 0;
const uniqueName = (): string =>
  `rg_test_${process.pid}_${process.env.JEST_WORKER_ID ?? '0'}_${Date.now().toString(36)}_${counter++}`;

const sqlite: TestDatabase = {
  name: 'sqlite',
  async create(options = {}) {
    if (!options.file)
      return { config: { type: 'sqlite', path: ':memory:' }, drop: async () => undefined };
    const dir = await mkdtemp(join(tmpdir(), 'rg-sqlite-'));
    return {
      config: { type: 'sqlite', path: join(dir, 'reformgraph.sqlite') },
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  },
};

/** Runs `work` on a connection to the MySQL/MariaDB server (no database), then closes it. */
export async function onMysqlServer<T>(
  work: (admin: Awaited<ReturnType<typeof createConnection>>) => Promise<T>,
): Promise<T> {
  const admin = await createConnection(MYSQL_URL);
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Creates database `name` on the MySQL/MariaDB server (replacing one of that name) and says how to reach it. */
export async function createMysqlDatabase(name: string): Promise<DatabaseConfig> {
  await onMysqlServer(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  });
  const url = new URL(MYSQL_URL);
  url.pathname = `/${name}`;
  return { type: 'mysql', url: url.toString() };
}

/** Drops the databases on the MySQL/MariaDB server whose names `which` picks among those `like`. */
export async function dropMysqlDatabases(
  like: string,
  which: (name: string) => boolean = () => true,
): Promise<void> {
  await onMysqlServer(async (admin) => {
    const [rows] = await admin.query('SHOW DATABASES LIKE ?', [like]);
    for (const row of rows as Record<string, string>[]) {
      const name = Object.values(row)[0];
      if (which(name)) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }
  });
}

const mysql: TestDatabase = {
  name: 'mysql',
  async create() {
    const name = uniqueName();
    return {
      config: await createMysqlDatabase(name),
      drop: () =>
        onMysqlServer(async (admin) => {
          await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
        }),
    };
  },
};

async function mysqlReachable(): Promise<boolean> {
  try {
    const conn = await createConnection({ uri: MYSQL_URL, connectTimeout: 3000 });
    await conn.end();
    return true;
  } catch (error) {
    if (REQUIRE_MYSQL) {
      throw new Error(
        `REQUIRE_MYSQL=1 but MySQL/MariaDB at ${MYSQL_URL} is unreachable: ${String(error)}`,
      );
    }
    return false;
  }
}

/** Run once by jest's globalSetup: decides which databases the suites run on. */
export async function detectTestDatabases(): Promise<string> {
  if (SKIP_MYSQL && !REQUIRE_MYSQL) return 'sqlite';
  if (await mysqlReachable()) return 'sqlite,mysql';
  process.stderr.write(
    `\nMySQL/MariaDB at ${MYSQL_URL} is not reachable: running SQLite only (CI sets REQUIRE_MYSQL=1 to fail instead).\n`,
  );
  return 'sqlite';
}

/**
 * The databases every database test runs on, as decided by globalSetup: SQLite always,
 * MySQL/MariaDB when reachable and always under REQUIRE_MYSQL=1. Used with `describe.each`.
 */
export function testDatabases(): TestDatabase[] {
  const names = (process.env.RG_TEST_DATABASES ?? 'sqlite').split(',');
  if (REQUIRE_MYSQL && !names.includes('mysql'))
    throw new Error('REQUIRE_MYSQL=1 but the MySQL suite is not enabled');
  return [sqlite, mysql].filter((db) => names.includes(db.name));
}

/** `describe.each(databaseCases())('... > %s', (_name, database) => ...)` runs a suite per database. */
export function databaseCases(): (readonly ['sqlite' | 'mysql', TestDatabase])[] {
  return testDatabases().map((db) => [db.name, db] as const);
}

/** Environment variables that point the CLI at a test database (quiet, seeds written to `seedDir`). */
export function cliEnv(config: DatabaseConfig, seedDir: string): Record<string, string> {
  const database: Record<string, string> =
    config.type === 'sqlite' ? { SQLITE_PATH: config.path } : { DATABASE_URL: config.url };
  return { ...database, LOG_LEVEL: 'silent', SEED_DIR: seedDir };
}
