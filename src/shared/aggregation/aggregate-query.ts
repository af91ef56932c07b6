import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { dialectOf, type Dialect } from '../../db/dialect';
import { BadUserInputError, unreachable } from '../errors';
import type {
  AggregateCell,
  AggregateRequest,
  Condition,
  DimensionDefinition,
  FactDefinition,
} from './aggregate.definition';
import { applyDisclosureControl } from './disclosure-control';

/**
 * Compiles an aggregate request to one SQL GROUP BY over raw rows (no entity hydration), runs
 * it, derives the measures and applies disclosure control. Every dataset's aggregates, root
 * fields and nested loaders alike, go through here.
 */
export async function runAggregate<D extends string>(
  dataSource: DataSource,
  fact: FactDefinition<D>,
  request: AggregateRequest<D>,
): Promise<AggregateCell[]> {
  assertPeriodRule(fact, request);
  const dialect = dialectOf(dataSource);
  const qb = dataSource.createQueryBuilder().from(fact.table, 'f');
  const join = applyConditions(qb, fact, request.where, request.entityScope, dialect);

  const groupBy = [...new Set(request.groupBy)];
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

  if (request.maxCells !== undefined) qb.limit(request.maxCells + 1);
  const rows: Record<string, unknown>[] = await qb.getRawMany();
  if (request.maxCells !== undefined && rows.length > request.maxCells) {
    throw new BadUserInputError(
      `The result would have more than ${request.maxCells} cells: filter it or group by fewer dimensions.`,
      'groupBy',
    );
  }
  const cells = rows.map((row): AggregateCell => {
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
export function applyConditions<D extends string>(
  qb: SelectQueryBuilder<ObjectLiteral>,
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
    if (entityScope.length === 0) qb.andWhere('1 = 0');
    else qb.andWhere(`${fact.entityColumn} IN (:...scope)`, { scope: [...entityScope] });
  }
  return join;
}

/** The cell for a group that has no rows: zero units, measures as computed from zeros. */
export function emptyCell(
  fact: FactDefinition,
  dimensions: AggregateCell['dimensions'],
): AggregateCell {
  const zeros: Record<string, number> = {};
  for (const alias of Object.keys(fact.aggregates)) zeros[alias] = 0;
  return makeCell(fact, dimensions, zeros);
}

function makeCell(
  fact: FactDefinition,
  dimensions: AggregateCell['dimensions'],
  aggregates: Record<string, number>,
): AggregateCell {
  const measures: Record<string, number | null> = {};
  for (const [name, measure] of Object.entries(fact.measures))
    measures[name] = measure.compute(aggregates);
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
  request: AggregateRequest<D>,
): void {
  if (fact.kind !== 'stock' || request.groupBy.includes(fact.periodDimension)) return;
  const pinned = request.where.some(
    (c) => c.dimension === fact.periodDimension && c.op === 'in' && c.values.length === 1,
  );
  if (!pinned) {
    throw new BadUserInputError(
      `${fact.name} measures are stocks (staff at 31 December) and cannot be summed across years: ` +
        `give a single year, or group by ${fact.periodDimension}.`,
    );
  }
}

function toSqlValue(
  dimension: DimensionDefinition,
  value: string | number | boolean,
): string | number {
  if (dimension.type === 'boolean') return value ? 1 : 0;
  return typeof value === 'boolean' ? Number(value) : value;
}

function fromSqlValue(
  dimension: DimensionDefinition,
  value: unknown,
): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  switch (dimension.type) {
    case 'int':
      return Number(value);
    case 'boolean':
      return value === true || value === 1 || value === '1';
    case 'string':
      return String(value);
  }
}

/** A cell as the flat object GraphQL returns: dimensions and measures side by side. */
export function flattenCell(cell: AggregateCell): Record<string, unknown> {
  return {
    ...cell.dimensions,
    ...cell.measures,
    suppressed: cell.suppressed,
    suppressionReason: cell.suppressionReason,
  };
}
