import { join } from 'node:path';
import Piscina from 'piscina';
import type { DataSource, EntityTarget, SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../shared/errors';
import { projectRoot } from '../shared/project-root';
import { traceStatement } from '../shared/tracing';
import { recordStatement, type SqlCount } from './sql-statement-counter';
import { hubState } from './hub-data-source';

/** A query ran past the request's deadline (QUERY_TIMEOUT_MS). */
export class QueryTimeoutError extends GraphQLError {
  constructor() {
    super(
      'The request ran out of time (QUERY_TIMEOUT_MS) and was stopped: filter it, or ask for fewer or coarser aggregates.',
      { extensions: { code: ErrorCode.QUERY_TIMEOUT } },
    );
  }
}

interface ReadTask {
  path: string;
  sql: string;
  params: unknown[];
}

/** A SELECT's answer from a worker: its column names, and each row's values in their order. */
interface ReadResult {
  columns: string[];
  rows: unknown[][];
}

/**
 * Worker threads that run SQLite SELECTs on read-only connections: better-sqlite3 is synchronous,
 * so on the main thread one heavy aggregate would stall every other request. Only for a database
 * file (an in-memory database cannot be shared with another thread).
 */
export class SqliteReadPool {
  private readonly pool: Piscina<ReadTask, ReadResult>;

  constructor(
    readonly path: string,
    threads: number,
  ) {
    this.pool = new Piscina({
      filename: join(projectRoot(), 'src', 'db', 'sqlite-read-worker.js'),
      minThreads: threads,
      maxThreads: threads,
    });
  }

  /** The rows of a SELECT as objects keyed by column name (a later column of a name wins). */
  async run(
    sql: string,
    params: unknown[],
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>[]> {
    const { columns, rows } = await this.pool.run(
      { path: this.path, sql, params },
      signal ? { signal } : {},
    );
    return rows.map((values) => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i += 1) row[columns[i]] = values[i];
      return row;
    });
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** At most `slots` holders at once; the others wait their turn, first come first served. */
export class Slots {
  private used = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly slots: number) {}

  async take(): Promise<void> {
    if (this.used < this.slots) {
      this.used += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.used -= 1;
  }
}

/**
 * MySQL/MariaDB: aggregates may hold at most `slots` of the pool's connections at once, so the
 * rest stay free for cheap reads (lookups, row pages, versions): 20 heavy GROUP BYs queued on a
 * pool of 10 would otherwise make a one-row lookup wait for all of them.
 */
export function reserveConnections(dataSource: DataSource, poolSize: number, free: number): void {
  if (dataSource.options.type === 'better-sqlite3') return;
  hubState(dataSource).heavySlots = new Slots(Math.max(1, poolSize - free));
}

/** Runs this data source's heavy reads (`readRaw`) on `threads` worker threads. */
export function attachReadPool(dataSource: DataSource, threads: number): SqliteReadPool | null {
  const { type, database } = dataSource.options;
  if (type !== 'better-sqlite3' || database === ':memory:' || threads < 1) return null;
  const pool = new SqliteReadPool(String(database), threads);
  hubState(dataSource).readPool = pool;
  return pool;
}

export async function detachReadPool(dataSource: DataSource): Promise<void> {
  const state = hubState(dataSource);
  const pool = state.readPool;
  state.readPool = null;
  await pool?.close();
}

/**
 * The raw rows of a SELECT, within `timeoutMs`: on the read pool when the data source has one
 * (the worker is stopped at the deadline), else through TypeORM (the answer is abandoned at the
 * deadline; MariaDB finishes the statement on its own). Counted like any other statement.
 */
export async function readRaw<T extends ObjectLiteral>(
  dataSource: DataSource,
  qb: SelectQueryBuilder<T>,
  timeoutMs: number,
  /** The request's statement count, for its metrics. */
  count?: SqlCount,
): Promise<Record<string, unknown>[]> {
  // Named by its table: building the SQL text again for the metrics would cost as much as the
  // rest of the bookkeeping.
  if (count)
    return count.run(`select from ${qb.expressionMap.mainAlias?.tablePath ?? '?'}`, () =>
      readRaw(dataSource, qb, timeoutMs),
    );
  const { readPool: pool, heavySlots: slots } = hubState(dataSource);
  if (timeoutMs <= 0) throw new QueryTimeoutError();
  // Node's timers take at most 2^31-1 ms; a longer deadline is no deadline.
  const timed = timeoutMs < MAX_TIMER_MS;
  if (pool) {
    const [sql, params] = qb.getQueryAndParameters();
    const started = performance.now();
    let rows: number | undefined;
    let failure: unknown;
    try {
      const result = await pool.run(
        sql,
        params,
        timed ? AbortSignal.timeout(Math.ceil(timeoutMs)) : undefined,
      );
      rows = result.length;
      return result;
    } catch (error) {
      failure = error;
      if ((error as { name?: string }).name === 'AbortError') throw new QueryTimeoutError();
      throw error;
    } finally {
      const milliseconds = performance.now() - started;
      recordStatement(sql);
      traceStatement({
        sql,
        system: 'sqlite',
        database: pool.path,
        startedAt: Date.now() - milliseconds,
        milliseconds,
        rows,
        error: failure,
      });
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    if (timed) timer = setTimeout(() => reject(new QueryTimeoutError()), Math.ceil(timeoutMs));
  });
  deadline.catch(() => undefined);
  const run = async () => {
    await slots?.take();
    try {
      return await qb.getRawMany<Record<string, unknown>>();
    } finally {
      slots?.give();
    }
  };
  try {
    return await Promise.race([run(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The rows of an entity's query as plain objects keyed by property, each value converted as
 * TypeORM converts it when it builds entities (booleans, dates, transformers), without building
 * them: a 1,000-row page through `getMany()` spent most of its CPU in entity hydration.
 */
export async function readRows<T extends ObjectLiteral>(
  dataSource: DataSource,
  qb: SelectQueryBuilder<T>,
  timeoutMs: number,
  count?: SqlCount,
): Promise<T[]> {
  const metadata = qb.expressionMap.mainAlias?.metadata;
  if (!metadata) throw new Error('readRows needs a query over an entity');
  const alias = qb.alias;
  const columns = metadata.columns.map((column) => ({
    column,
    key: `${alias}_${column.databaseName}`,
  }));
  const raw = await readRaw(dataSource, qb, timeoutMs, count);
  return raw.map((record) => {
    const row: ObjectLiteral = {};
    for (const { column, key } of columns)
      row[column.propertyName] = dataSource.driver.prepareHydratedValue(record[key], column);
    // The entity's columns, each set from its own column metadata: the shape of T without its
    // prototype (entities here are plain data; no resolver reads a method of one).
    return row as T;
  });
}

/** The parts of a key lookup's SQL that do not change: columns, table, key column. */
export interface KeyLookup {
  prefix: string;
  columns: { column: ColumnMetadata; name: string }[];
}

/**
 * The rows of an entity's table whose `property` is one of `keys`, as plain objects of the
 * entity's properties: one `SELECT ... WHERE key IN (?, ...)` whose text is built once per
 * entity and property, not by TypeORM's query builder on every call (a tenth of a lookup's CPU).
 */
export async function rowsByKeys<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  property: string,
  keys: readonly unknown[],
): Promise<T[]> {
  if (keys.length === 0) return [];
  const byTarget = hubState(dataSource).keyLookups;
  const metadata = dataSource.getMetadata(target);
  const id = `${metadata.name}.${property}`;
  let lookup = byTarget.get(id);
  if (!lookup) {
    const key = metadata.findColumnWithPropertyName(property);
    if (!key) throw new Error(`${metadata.name} has no column for ${property}`);
    const escape = (name: string) => dataSource.driver.escape(name);
    const columns = metadata.columns.map((column) => ({ column, name: column.databaseName }));
    lookup = {
      prefix:
        `SELECT ${columns.map((c) => escape(c.name)).join(', ')} FROM ${escape(metadata.tablePath)}` +
        ` WHERE ${escape(key.databaseName)} IN (`,
      columns,
    };
    byTarget.set(id, lookup);
  }
  const raw: Record<string, unknown>[] = await dataSource.query(
    `${lookup.prefix}${keys.map(() => '?').join(', ')})`,
    [...keys],
  );
  return raw.map((record) => {
    const row: ObjectLiteral = {};
    for (const { column, name } of lookup.columns)
      row[column.propertyName] = dataSource.driver.prepareHydratedValue(record[name], column);
    // The entity's columns, each set from its own column metadata (as readRows).
    return row as T;
  });
}
