import type { ClassType } from 'type-graphql';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { dialectOf } from '../../db/dialect';
import { readRows } from '../../db/read-pool';
import { applyConditions } from '../aggregation';
import type { Condition, FactDefinition } from '../facts';
import { toConnection, type ConnectionShape } from '../pagination';
import type { RequestLedger } from './request-ledger';
import type { RequestReader } from './request-reader';

/**
 * One page of rows of `target`, filtered with `fact`'s conditions within the entity scope and
 * ordered by `order` (property paths over alias `f`).
 */
export async function rowPage<T extends ObjectLiteral, D extends string>(
  reader: RequestReader,
  ledger: RequestLedger,
  target: ClassType<T>,
  fact: FactDefinition<D>,
  where: readonly Condition<D>[],
  entityScope: readonly string[] | null,
  order: readonly string[],
  { offset, limit }: { offset: number; limit: number },
): Promise<ConnectionShape<T>> {
  const query = (db: DataSource) => {
    const qb = db.getRepository(target).createQueryBuilder('f');
    applyConditions(qb, fact, where, entityScope, dialectOf(db));
    order.forEach((column, i) =>
      i === 0 ? qb.orderBy(column, 'ASC') : qb.addOrderBy(column, 'ASC'),
    );
    return qb;
  };
  // One row more than the page tells whether there is a next one; the count runs only when
  // the query selects totalCount (it is read lazily, see toConnection).
  const rows = await reader.read((db) =>
    readRows(
      db,
      query(db)
        .offset(offset)
        .limit(limit + 1),
      ledger.remainingMs(),
      ledger.sqlCount,
    ),
  );
  ledger.returnedCells(Math.min(rows.length, limit));
  return toConnection(rows, limit, offset, () =>
    reader.statement(`count ${target.name}`, (db) => query(db).getCount()),
  );
}
