import {
  EventSubscriber,
  type AfterQueryEvent,
  type DataSourceOptions,
  type EntitySubscriberInterface,
} from 'typeorm';
import { recording, traceStatement } from '../shared/tracing';

/** The OpenTelemetry name of a database system (`db.system.name`). */
export function databaseSystem(options: DataSourceOptions): string {
  return options.type === 'better-sqlite3' ? 'sqlite' : options.type;
}

/** The database a data source reads: its name (MariaDB) or file (SQLite). */
export function databaseName(options: DataSourceOptions): string {
  if (options.type === 'better-sqlite3') return String(options.database);
  if ('url' in options && options.url) return new URL(options.url).pathname.replace(/^\//, '');
  return 'database' in options ? String(options.database ?? '') : '';
}

/** Rows a driver's raw result holds: a SELECT's rows, or what a write changed. */
function rowsOf(raw: unknown): number | undefined {
  if (Array.isArray(raw)) return raw.length;
  if (raw && typeof raw === 'object') {
    const result = raw as { affectedRows?: unknown; changes?: unknown };
    if (typeof result.affectedRows === 'number') return result.affectedRows;
    if (typeof result.changes === 'number') return result.changes;
  }
  return undefined;
}

/**
 * A span for every statement TypeORM runs (the SQLite read pool traces its own), under the span
 * that was active when it was sent: the request, import or seed step. Registered only while
 * tracing is on (TypeORM keeps a listed subscriber only if it is decorated).
 */
@EventSubscriber()
export class SqlTracingSubscriber implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent): void {
    if (!recording()) return; // before naming the database: most statements are of no trace
    const milliseconds = event.executionTime ?? 0;
    traceStatement({
      sql: event.query,
      system: databaseSystem(event.connection.options),
      database: databaseName(event.connection.options),
      startedAt: Date.now() - milliseconds,
      milliseconds,
      rows: event.success ? rowsOf(event.rawResults) : undefined,
      error: event.success ? undefined : event.error,
    });
  }
}
