import type { ClassType } from 'type-graphql';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { dialectOf } from '../../db/dialect';
import { columnsOf, type ColumnKey } from '../../db/entity-tables';
import { readRows } from '../../db/read-pool';
import { applyConditions } from '../aggregation';
import type { Condition, FactDefinition } from '../facts';
import { decodeCursor, toConnection, type ConnectionShape, type KeyValue } from '../pagination';
import type { RequestLedger } from './request-ledger';
import type { RequestReader } from './request-reader';

/**
 * One page of rows of `target`, filtered with `fact`'s conditions within the entity scope,
 * ordered by `order` (properties of the entity that are unique together: the last is the key)
 * and starting after the cursor's row: `(a > ?) OR (a = ? AND b > ?)`, which the index on the
 * order reads from that row on.
 */
export async function rowPage<T extends ObjectLiteral, D extends string>(
  reader: RequestReader,
  ledger: RequestLedger,
  target: ClassType<T>,
  fact: FactDefinition<D>,
  where: readonly Condition<D>[],
  entityScope: readonly string[] | null,
  order: readonly ColumnKey<T>[],
  { after, limit }: { after: string | null; limit: number },
): Promise<ConnectionShape<T>> {
  const columns = columnsOf(target);
  const sql = order.map((key) => columns[key]);
  const afterKeys = after === null ? null : decodeCursor(after, order.length);
  const query = (db: DataSource) => {
    const qb = db.getRepository(target).createQueryBuilder('f');
    applyConditions(qb, fact, where, entityScope, dialectOf(db));
    return qb;
  };
  const page = (db: DataSource) => {
    const qb = query(db);
    if (afterKeys) {
      const after = sql.map((column, i) =>
        [...sql.slice(0, i).map((c, j) => `${c} = :after${j}`), `${column} > :after${i}`].join(
          ' AND ',
        ),
      );
      const values = Object.fromEntries(afterKeys.map((value, i) => [`after${i}`, value]));
      qb.andWhere(`(${after.map((condition) => `(${condition})`).join(' OR ')})`, values);
    }
    sql.forEach((column, i) =>
      i === 0 ? qb.orderBy(column, 'ASC') : qb.addOrderBy(column, 'ASC'),
    );
    return qb.limit(limit + 1);
  };
  // One row more than the page tells whether there is a next one; the count runs only when
  // the query selects totalCount (it is read lazily, see toConnection).
  const rows = await reader.read((db) =>
    readRows(db, page(db), ledger.remainingMs(), ledger.sqlCount),
  );
  ledger.returnedCells(Math.min(rows.length, limit));
  // The keys of a row list are text or integer columns (ids, years), as TypeORM reads them.
  const keysOf = (row: T): KeyValue[] => order.map((key) => row[key] as KeyValue);
  return toConnection(rows, limit, afterKeys !== null, keysOf, () =>
    reader.statement(`count ${target.name}`, (db) => query(db).getCount()),
  );
}
