import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import type { Logger } from '../shared/logging';

interface CountScope {
  statements: string[];
}

/**
 * The SQL statements of one request, for its metrics: the request's data facade records each
 * statement it runs here, explicitly. (An AsyncLocalStorage scope would find them by itself, but
 * on Node 20 it turns on promise hooks for every promise of the process: it cost the hub a third
 * of its throughput on small queries, measured with `npm run bench`.)
 */
export class SqlCount {
  private readonly recorded: string[] = [];
  private time = 0;

  record(sql: string, milliseconds: number): void {
    this.recorded.push(sql);
    this.time += milliseconds;
  }

  /** Runs one statement and records it (its SQL or what it reads, and how long it took). */
  async run<T>(sql: string, statement: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await statement();
    } finally {
      this.record(sql, performance.now() - started);
    }
  }

  get statements(): readonly string[] {
    return this.recorded;
  }

  get milliseconds(): number {
    return this.time;
  }
}

const scope = new AsyncLocalStorage<CountScope>();

/**
 * Counts every SQL statement TypeORM or the read pool runs inside `work()`, whoever runs it: the
 * tests assert batching with it (and that the request counts above miss nothing). The count is
 * per async context, so concurrent work does not mix. Test and tool code only: see `SqlCount`.
 */
export async function measureSql<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const current: CountScope = { statements: [] };
  const result = await scope.run(current, work);
  return { result, statements: current.statements };
}

/** Records a statement run outside TypeORM (the SQLite read pool) in the current count scope. */
export function recordStatement(sql: string): void {
  scope.getStore()?.statements.push(sql);
}

/** TypeORM logger: records statements for measureSql and forwards problems to pino. */
export class CountingTypeOrmLogger implements TypeOrmLogger {
  constructor(private readonly logger: Logger) {}

  logQuery(query: string, parameters?: unknown[], _queryRunner?: QueryRunner): void {
    scope.getStore()?.statements.push(query);
    this.logger.trace({ query, parameters }, 'sql');
  }

  logQueryError(
    error: string | Error,
    query: string,
    parameters?: unknown[],
    _queryRunner?: QueryRunner,
  ): void {
    this.logger.debug({ err: error, query, parameters }, 'sql error');
  }

  logQuerySlow(
    time: number,
    query: string,
    parameters?: unknown[],
    _queryRunner?: QueryRunner,
  ): void {
    this.logger.warn({ time, query, parameters }, 'slow sql');
  }

  logSchemaBuild(message: string, _queryRunner?: QueryRunner): void {
    this.logger.debug(message);
  }

  logMigration(message: string, _queryRunner?: QueryRunner): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown, _queryRunner?: QueryRunner): void {
    if (level === 'warn') this.logger.warn({ message }, 'typeorm');
    else this.logger.debug({ message }, 'typeorm');
  }
}
