import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { MYSQL_MIGRATIONS } from '../../migrations/mysql';
import { SQLITE_MIGRATIONS } from '../../migrations/sqlite';
import type { DatabaseConfig } from '../config/config';
import { HubDataSource } from './hub-data-source';
import { CountingTypeOrmLogger } from './sql-statement-counter';
import { SqlTracingSubscriber } from './statement-tracing';
import { tracingEnabled } from '../shared/tracing';
import { silentLogger, type Logger } from '../shared/logging';

/** Session settings every MySQL/MariaDB connection gets: strict mode and UTC. */
const MYSQL_SESSION_SQL =
  "SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION,NO_ZERO_DATE,NO_ZERO_IN_DATE', time_zone = '+00:00'";

export type MysqlFlavor = 'mysql' | 'mariadb';

/**
 * The tables a data source serves and the migrations that create them: the catalog of dataset
 * modules provides both (the repository's migrations are added here), so this module knows no
 * dataset by name.
 */
export interface DataSourceSchema {
  readonly entities: readonly (new () => object)[];
  moduleMigrations(driver: 'sqlite' | 'mysql'): (new () => MigrationInterface)[];
}

/**
 * TypeORM reads MariaDB's catalogue differently from MySQL's (column defaults, for one), so the
 * driver type must match the server: a `mariadb://` URL says so; for `mysql://` the server is asked.
 */
export async function detectMysqlFlavor(url: string): Promise<MysqlFlavor> {
  if (url.startsWith('mariadb://')) return 'mariadb';
  const connection = await createConnection({ uri: url, connectTimeout: 10_000 });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return /mariadb/i.test(String((rows as { version: string }[])[0]?.version))
      ? 'mariadb'
      : 'mysql';
  } finally {
    await connection.end();
  }
}

export function dataSourceOptions(
  database: DatabaseConfig,
  schema: DataSourceSchema,
  logger: Logger = silentLogger,
  flavor: MysqlFlavor = database.type === 'mysql' && database.url.startsWith('mariadb://')
    ? 'mariadb'
    : 'mysql',
): DataSourceOptions {
  const common = {
    synchronize: false,
    migrationsRun: false,
    logger: new CountingTypeOrmLogger(logger),
    maxQueryExecutionTime: 2000,
  } as const;
  const entities = [...schema.entities];
  // Statement spans only while tracing is on: otherwise not even a call per statement.
  const subscribers = tracingEnabled() ? [SqlTracingSubscriber] : [];
  if (database.type === 'sqlite') {
    const path = database.path === ':memory:' ? ':memory:' : resolve(database.path);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    return {
      ...common,
      subscribers,
      entities,
      type: 'better-sqlite3',
      database: path,
      migrations: [...SQLITE_MIGRATIONS, ...schema.moduleMigrations('sqlite')],
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  return {
    ...common,
    subscribers,
    entities,
    type: flavor,
    url: database.url.replace(/^mariadb:/, 'mysql:'),
    // A bounded pool: requests past it wait for a connection (reformgraph_db_pool_connections).
    poolSize: database.poolSize ?? 10,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    // mysql2's promise API captures a stack trace of its caller for every statement (its `trace`
    // option): about 12 µs, a few per cent of a lookup's CPU. A failed statement's error still
    // carries TypeORM's stack (QueryFailedError), which names the statement.
    extra: { trace: false },
    migrations: [...MYSQL_MIGRATIONS, ...schema.moduleMigrations('mysql')],
  };
}

/**
 * What the hub uses of mysql2's pool behind TypeORM's driver. mysql2 exposes no public usage
 * figures, so the connection lists are its (stable since mysql2 1.x) underscore fields.
 */
interface PoolLike {
  on(event: 'connection', listener: (connection: { query(sql: string): unknown }) => void): void;
  config: { connectionLimit: number };
  _allConnections: { length: number };
  _freeConnections: { length: number };
  _connectionQueue: { length: number };
}

const poolOf = (dataSource: DataSource): PoolLike =>
  // TypeORM types its MySQL driver's pool as `any`; the driver of a mysql DataSource has one.
  (dataSource.driver as unknown as { pool: PoolLike }).pool;

export interface PoolUsage {
  /** Connections open now, in use or idle. */
  open: number;
  idle: number;
  /** Requests waiting for a connection. */
  waiting: number;
  max: number;
}

/**
 * The connection pool now (for the pool metrics). SQLite has one connection, in use while a
 * statement runs, so it reports a pool of one.
 */
export function poolUsage(dataSource: DataSource): PoolUsage {
  if (!dataSource.isInitialized) return { open: 0, idle: 0, waiting: 0, max: 0 };
  if (dataSource.options.type === 'better-sqlite3') return { open: 1, idle: 1, waiting: 0, max: 1 };
  const pool = poolOf(dataSource);
  return {
    open: pool._allConnections.length,
    idle: pool._freeConnections.length,
    waiting: pool._connectionQueue.length,
    max: pool.config.connectionLimit,
  };
}

/**
 * Creates and initialises a DataSource; MySQL connections get strict mode and UTC. `flavor` skips
 * asking the server (a replica is of its primary's flavor).
 */
export async function openDataSource(
  database: DatabaseConfig,
  schema: DataSourceSchema,
  logger: Logger = silentLogger,
  knownFlavor?: MysqlFlavor,
): Promise<DataSource> {
  const flavor =
    database.type === 'mysql'
      ? (knownFlavor ?? (await detectMysqlFlavor(database.url)))
      : undefined;
  const dataSource = new HubDataSource(dataSourceOptions(database, schema, logger, flavor));
  await dataSource.initialize();
  if (database.type === 'mysql') {
    // mysql2 has no per-connection init SQL: new pool connections get it from this hook, and the
    // one connection TypeORM opened while initialising gets it from the query below.
    poolOf(dataSource).on('connection', (connection) => connection.query(MYSQL_SESSION_SQL));
    await dataSource.query(MYSQL_SESSION_SQL);
  }
  return dataSource;
}
