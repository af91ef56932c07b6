import type { Request } from 'express';
import { SqlCount } from '../db/sql-statement-counter';

const counts = new WeakMap<Request, SqlCount>();

/** Starts counting the SQL statements of a request that serves data, for its metrics. */
export function startSqlCount(req: Request): SqlCount {
  const count = new SqlCount();
  counts.set(req, count);
  return count;
}

/** The statement count of a request (GraphQL, saved queries, SDMX), if it is counted. */
export function requestSqlCount(req: Request): SqlCount | undefined {
  return counts.get(req);
}
