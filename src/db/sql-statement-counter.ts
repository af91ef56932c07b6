import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  AfterQueryEvent,
  EntitySubscriberInterface,
  Logger as TypeOrmLogger,
  QueryRunner,
} from 'typeorm';
import type { Logger } from '../shared/logging/logger';

interface CountScope {
  statements: string[];
  /** Time the statements took, as the drivers measured it. */
  milliseconds: number;
}

const scope = new AsyncLocalStorage<CountScope>();

/**
 * Counts the SQL statements run inside `measure()`; batching guarantees are asserted with it.
 * The count is per async context, so concurrent requests do not mix.
 */
export async function measureSql<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const current: CountScope = { statements: [], milliseconds: 0 };
  const result = await scope.run(current, work);
  return { result, statements: current.statements };
}

/**
 * Runs `callback` (an Express `next`) in a fresh count scope and returns the scope: its
 * statements fill in as the request's work runs, for the request metrics.
 */
export function countSqlIn(callback: () => void): {
  readonly statements: readonly string[];
  readonly milliseconds: number;
} {
  const current: CountScope = { statements: [], milliseconds: 0 };
  scope.run(current, callback);
  return current;
}

/** Records a statement run outside TypeORM (the SQLite read pool) in the current count scope. */
export function recordStatement(sql: string, milliseconds: number): void {
  const current = scope.getStore();
  if (!current) return;
  current.statements.push(sql);
  current.milliseconds += milliseconds;
}

/** Adds each statement's execution time to the count scope it ran in (the SQL time metric). */
export class SqlTimingSubscriber implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent): void {
    const current = scope.getStore();
    if (current && event.executionTime !== undefined) current.milliseconds += event.executionTime;
  }
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
