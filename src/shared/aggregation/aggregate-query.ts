import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { dialectOf, type Dialect } from '../../db/dialect';
import { BadUserInputError, unreachable } from '../errors';
import type {
  AggregateCell,
  AggregateQuery,
  Condition,
  DimensionDefinition,
  DimensionValue,
  FactDefinition,
  FlatCell,
} from './aggregate.definition';
import { applyDisclosureControl } from './disclosure-control';

/**
 * Compiles an aggregate query to one SQL GROUP BY over raw rows (no entity hydration), runs it,
 * derives the measures and applies disclosure control. Every dataset's aggregates, root fields
 * and nested loaders alike, go through here (by way of the per-request data facade).
 */
export async function runAggregate<D extends string, M extends string>(
  dataSource: DataSource,
  fact: FactDefinition<D, M>,
  query: AggregateQuery<D>,
): Promise<AggregateCell<M>[]> {
  assertPeriodRule(fact, query);
  const dialect = dialectOf(dataSource);
  const qb = dataSource.createQueryBuilder().from(fact.table, 'f');
  const join = applyConditions(qb, fact, query.where, query.entityScope, dialect);

  const groupBy = [...new Set(query.groupBy)];
  qb.select([]);
  groupBy.forEach((key, i) => {
    const dimension = fact.dimensions[key];
    join(dimension);
    const expression = dimension.sql(dialect);
    qb.addSelect(expression, `d${i}`);
    qb.addGroupBy(expression);
  });
  for (const [alias, sql] of Object.entries(fact.aggregates)) {
    qb.addSelect(sql(dialect), `a_${alias}`);
  }

  if (query.maxCells !== undefined) qb.limit(query.maxCells + 1);
  const rows: Record<string, unknown>[] = await qb.getRawMany();
  if (query.maxCells !== undefined && rows.length > query.maxCells) {
    throw new BadUserInputError(
      `The result would have more than ${query.maxCells} cells: filter it or group by fewer dimensions.`,
      'groupBy',
    );
  }
  const cells = rows.map((row): AggregateCell<M> => {
    const dimensions: AggregateCell['dimensions'] = {};
    groupBy.forEach((key, i) => {
      const dimension = fact.dimensions[key];
      dimensions[dimension.field] = fromSqlValue(dimension, row[`d${i}`]);
    });
    const aggregates: Record<string, number> = {};
    for (const alias of Object.keys(fact.aggregates))
      aggregates[alias] = Number(row[`a_${alias}`] ?? 0);
    return makeCell(fact, dimensions, aggregates);
  });
  // A whole-population query over no rows still answers with one (empty) cell.
  if (groupBy.length === 0 && cells.length === 0) cells.push(emptyCell(fact, {}));
  return applyDisclosureControl(
    cells,
    groupBy.map((key) => fact.dimensions[key].field),
    fact.minCellSize,
  );
}

/**
 * Adds the fact's base condition, the request's conditions and the caller's entity scope to a
 * query over alias `f`. Row lists use it too, so filters mean the same everywhere. Returns the
 * function that adds a dimension's join (once) for later use.
 */
export function applyConditions<T extends ObjectLiteral, D extends string>(
  qb: SelectQueryBuilder<T>,
  fact: FactDefinition<D>,
  where: readonly Condition<D>[],
  entityScope: readonly string[] | null,
  dialect: Dialect,
): (dimension: DimensionDefinition) => void {
  const joined = new Set<string>();
  const join = (dimension: DimensionDefinition): void => {
    if (!dimension.join || joined.has(dimension.join.alias)) return;
    joined.add(dimension.join.alias);
    qb.leftJoin(dimension.join.table, dimension.join.alias, dimension.join.on);
  };
  if (fact.baseWhere) qb.andWhere(fact.baseWhere(dialect));
  where.forEach((condition, i) => {
    const dimension = fact.dimensions[condition.dimension];
    if (!dimension) throw new BadUserInputError(`Unknown dimension ${condition.dimension}.`);
    join(dimension);
    const expression = dimension.sql(dialect);
    const values = condition.values.map((v) => toSqlValue(dimension, v));
    const param = `p${i}`;
    switch (condition.op) {
      case 'in':
        if (values.length === 0) qb.andWhere('1 = 0');
        else qb.andWhere(`${expression} IN (:...${param})`, { [param]: values });
        break;
      case 'gte':
        qb.andWhere(`${expression} >= :${param}`, { [param]: values[0] });
        break;
      case 'lte':
        qb.andWhere(`${expression} <= :${param}`, { [param]: values[0] });
        break;
      default:
        unreachable(condition.op);
    }
  });
  if (entityScope) {
    if (!fact.entityDimension)
      throw new Error(`${fact.name} is not attributed to entities and cannot be scoped`);
    const expression = fact.dimensions[fact.entityDimension].sql(dialect);
    if (entityScope.length === 0) qb.andWhere('1 = 0');
    else qb.andWhere(`${expression} IN (:...scope)`, { scope: [...entityScope] });
  }
  return join;
}

/** The tables a query over `fact` reads for this request: its own and the joined dimensions'. */
export function tablesRead<D extends string>(
  fact: FactDefinition<D>,
  dimensions: readonly D[],
): string[] {
  const joined = dimensions.flatMap((key) => {
    const table = fact.dimensions[key]?.join?.table;
    return table ? [table] : [];
  });
  return [...new Set([fact.table, ...joined])];
}

/** The cell for a group that has no rows: zero units, measures as computed from zeros. */
export function emptyCell<M extends string>(
  fact: FactDefinition<string, M>,
  dimensions: AggregateCell['dimensions'],
): AggregateCell<M> {
  const zeros: Record<string, number> = {};
  for (const alias of Object.keys(fact.aggregates)) zeros[alias] = 0;
  return makeCell(fact, dimensions, zeros);
}

function makeCell<M extends string>(
  fact: FactDefinition<string, M>,
  dimensions: AggregateCell['dimensions'],
  aggregates: Record<string, number>,
): AggregateCell<M> {
  const measures = {} as Record<M, number | null>; // filled for every declared measure just below
  for (const name of Object.keys(fact.measures) as M[])
    measures[name] = fact.measures[name].compute(aggregates);
  return {
    dimensions,
    measures,
    units: aggregates[fact.unitCount] ?? 0,
    suppressed: false,
    suppressionReason: null,
  };
}

function assertPeriodRule<D extends string>(
  fact: FactDefinition<D>,
  query: AggregateQuery<D>,
): void {
  if (fact.kind !== 'stock' || query.groupBy.includes(fact.period)) return;
  const pinned = query.where.some(
    (c) => c.dimension === fact.period && c.op === 'in' && c.values.length === 1,
  );
  if (!pinned) {
    throw new BadUserInputError(
      `${fact.name} measures are stocks (staff at 31 December) and cannot be summed across years: ` +
        `give a single ${fact.periodArgument}, or group by ${fact.period}.`,
    );
  }
}

function toSqlValue(dimension: DimensionDefinition, value: DimensionValue): string | number {
  if (dimension.type.kind === 'boolean') return value ? 1 : 0;
  return typeof value === 'boolean' ? Number(value) : value;
}

function fromSqlValue(dimension: DimensionDefinition, value: unknown): DimensionValue | null {
  if (value === null || value === undefined) return null;
  switch (dimension.type.kind) {
    case 'int':
      return Number(value);
    case 'boolean':
      return value === true || value === 1 || value === '1';
    case 'string':
    case 'enum':
      return String(value);
    default:
      return unreachable(dimension.type);
  }
}

/** A cell as the flat object GraphQL returns: dimensions and measures side by side. */
export function flattenCell(cell: AggregateCell): FlatCell {
  return {
    ...cell.dimensions,
    ...cell.measures,
    suppressed: cell.suppressed,
    suppressionReason: cell.suppressionReason,
  };
}
