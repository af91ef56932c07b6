import type { ClassType } from 'type-graphql';
import type { ObjectLiteral } from 'typeorm';
import type { ColumnKey } from '../../db/entity-tables';
import type { Role } from '../auth';
import type { FactDefinition } from './aggregate.definition';

/**
 * A list of a table's rows in the graph, declared once: its root field, the entity whose rows
 * it lists (also their GraphQL type), the fact whose filter, conditions and entity scope it
 * shares, the keys it is ordered by (its cursors are made of them) and the roles that may read
 * it. `src/shared/graph` derives the root field, its connection types and its resolver; the
 * catalog derives the access rule.
 */
export interface RowListDefinition<
  T extends ObjectLiteral = ObjectLiteral,
  // The property names as their own parameter keep the list covariant in T (as importers do),
  // so a RowListDefinition<StaffYear> is a RowListDefinition without a cast.
  P extends string = ColumnKey<T>,
> {
  /** Root query field, e.g. `staffRecords`. */
  name: string;
  /** Prefix of the connection types: `StaffYear` gives StaffYearConnection and StaffYearEdge. */
  typeName: string;
  description: string;
  entity: ClassType<T>;
  fact: FactDefinition;
  /**
   * Whether rows the fact's base condition leaves out are listed too (job openings still open,
   * which recruitment, counting selections, does not count).
   */
  includesExcluded?: boolean;
  /** Properties of the entity unique together, in the order the rows are listed. */
  order: readonly P[];
  /** Who may read the rows (a row list is never open to every role). */
  roles: readonly Role[];
}

/** Checks a row list where it is declared: it lists rows in a fixed, unique order. */
export function defineRowList<T extends ObjectLiteral>(
  list: RowListDefinition<T, ColumnKey<T>>,
): RowListDefinition<T, ColumnKey<T>> {
  if (list.order.length === 0) throw new Error(`row list ${list.name}: no order`);
  if (list.roles.length === 0) throw new Error(`row list ${list.name}: no role may read it`);
  return list;
}
