import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { dialectOf, type Dialect } from '../../db/dialect';
import { readRaw } from '../../db/read-pool';
import { BadUserInputError, unreachable } from '../errors';
import {
  Disclosure,
  type AggregateCell,
  type AggregateQuery,
  type Condition,
  type DimensionDefinition,
  type DimensionValue,
  type FactDefinition,
  type FlatCell,
  dimensionEntries,
} from '../facts';
import { exactCell, hiddenCell, protectAsOne, protectTable, type FineCell } from '../disclosure';
import { factTableSource, type FactSource } from './fact-sql';
import { preAggregationSource } from './pre-aggregations';

/** Cells protected between two turns of the event loop. */
const CELLS_PER_SLICE = 200;

/**
 * Most rows of the finest table a protected request may read (its grouping, plus every filtered
 * dimension and their coarser attributes): beyond it the request is refused as too fine.
 */
export const MAX_FINE_CELLS = 250_000;

/**
 * Compiles an aggregate query to one SQL GROUP BY over raw rows (no entity hydration), runs it,
 * and protects the cells as the caller's disclosure requires. Every dataset's aggregates, root
 * fields and nested loaders alike, go through here (by way of the per-request data facade).
 *
 * Exact and published values are read as asked. A perturbed request reads its finest table
 * instead: grouped by every dimension it constrains (grouped, filtered, listed, scoped; the
 * period's filter stays in SQL) and their coarser attributes, so that disclosure control sees
 * each part as a set of its own, with every parent it could be subtracted from
 * (`protectTable`); filters and the scope then pick the parts.
 */
export async function runAggregate<D extends string, M extends string>(
  dataSource: DataSource,
  fact: FactDefinition<D, M>,
  query: AggregateQuery<D, M>,
): Promise<AggregateCell<M>[]> {
  assertPeriodRule(fact, query);
  if (query.disclosure === Disclosure.PERTURBED) return runProtected(dataSource, fact, query);
  const groupBy = [...new Set(query.groupBy)];
  const rows = await readTable(dataSource, fact, query, groupBy, query.where, query.entityScope, {
    keys: false,
    limit: query.maxCells,
    tooMany: `The result would have more than ${query.maxCells} cells: filter it or group by fewer dimensions.`,
  });
  // A whole-population query over no rows still answers with one (empty) cell.
  if (groupBy.length === 0 && rows.length === 0)
    return [emptyCell(fact, {}, query.disclosure, query.measures)];
  const cells: AggregateCell<M>[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const dimensions: AggregateCell['dimensions'] = {};
    groupBy.forEach((key, j) => (dimensions[fact.dimensions[key].field] = row.values[j]));
    cells.push(
      exactCell(
        fact,
        // Built field by field: an object spread per row takes V8's slow path.
        { dimensions, counts: row.counts, keys: row.keys, magnitudes: row.magnitudes },
        query.disclosure,
        query.measures,
      ),
    );
    if (i % CELLS_PER_SLICE === CELLS_PER_SLICE - 1) await new Promise(setImmediate);
  }
  return cells;
}

async function runProtected<D extends string, M extends string>(
  dataSource: DataSource,
  fact: FactDefinition<D, M>,
  query: AggregateQuery<D, M>,
): Promise<AggregateCell<M>[]> {
  const groupBy = [...new Set(query.groupBy)];
  // Conditions on the period and on what does not classify the units stay in SQL; the others
  // become dimensions of the finest table, picked in memory after protection.
  const inSql = (c: Condition<D>) =>
    c.dimension === fact.period || fact.dimensions[c.dimension]?.unitAttribute === false;
  const sqlWhere = query.where.filter(inSql);
  const picked = query.where.filter((c) => !inSql(c));
  const constrained = new Set<D>([...groupBy, ...picked.map((c) => c.dimension)]);
  if (query.entityScope && fact.entityDimension) constrained.add(fact.entityDimension);
  // A flow's periods are parts of an answer: a range of years is the sum of its years.
  if (fact.kind === 'flow') constrained.add(fact.period);
  for (const key of [...constrained]) {
    const family = fact.dimensions[key]?.hierarchy;
    if (!family?.key) continue;
    for (const [name, dimension] of dimensionEntries(fact))
      if (dimension.hierarchy?.family === family.family) constrained.add(name);
  }
  const dimensions = [...constrained];
  const rows = await readTable(dataSource, fact, query, dimensions, sqlWhere, null, {
    keys: true,
    limit: MAX_FINE_CELLS,
    tooMany: `This request would read more than ${MAX_FINE_CELLS} cells to protect its answer: filter or group by fewer fine dimensions.`,
  });
  const index = new Map(dimensions.map((key, i) => [key, i]));
  const tests = picked.map((condition) => {
    const at = index.get(condition.dimension) ?? -1;
    const dimension = fact.dimensions[condition.dimension];
    return (values: FineCell['values']) => matches(dimension, condition, values[at]);
  });
  const scope = query.entityScope;
  const scopeAt = fact.entityDimension ? (index.get(fact.entityDimension) ?? -1) : -1;
  const keep = (cell: FineCell) =>
    tests.every((test) => test(cell.values)) &&
    (scope === null || scope.includes(String(cell.values[scopeAt])));
  // Protection is synchronous over the whole table (parents need every row); a large one gives
  // other requests a turn first.
  if (rows.length > CELLS_PER_SLICE) await new Promise(setImmediate);
  const cells = (query.declared ? protectAsOne : protectTable)(
    fact,
    {
      dimensions,
      cells: rows,
      keep,
      output: groupBy.map((key) => ({
        index: index.get(key) ?? -1,
        field: fact.dimensions[key].field,
      })),
    },
    query.measures,
  );
  if (query.maxCells !== undefined && cells.length > query.maxCells) {
    throw new BadUserInputError(
      `The result would have more than ${query.maxCells} cells: filter it or group by fewer dimensions.`,
      'groupBy',
    );
  }
  // A whole-population answer is one cell, hidden when nothing in it may be shown; a protected
  // grouping lists only the cells it shows: a listed-but-hidden cell would tell that its group is
  // not empty, which an absent one does not.
  const hidden = (answer: readonly AggregateCell<M>[]) => {
    let count = 0;
    for (const cell of answer) if (cell.suppressed) count += 1;
    if (count > 0) query.ledger?.cellsHidden(fact.name, count);
  };
  if (groupBy.length === 0) {
    const answer = cells.length > 0 ? cells : [hiddenCell(fact, {}, query.measures)];
    hidden(answer);
    // Read nothing: no row, or the one row of zeros an ungrouped SUM gives over no rows.
    const none = rows.every((row) => !row.counts[fact.unitCount]);
    const reason = none ? await noDataFor(dataSource, fact, query, sqlWhere) : null;
    return reason ? answer.map((cell) => ({ ...cell, suppressionReason: reason })) : answer;
  }
  hidden(cells);
  return cells.filter((cell) => !cell.suppressed);
}

/**
 * Why an answer read nothing, when it is that the data hold none of the periods asked for (the
 * periods a fact holds are public: anyone may group by them): "No workforce data for year 2030:
 * the data hold 2016-2022." Read only for an answer that read no row; null otherwise.
 */
async function noDataFor<D extends string, M extends string>(
  dataSource: DataSource,
  fact: FactDefinition<D, M>,
  query: AggregateQuery<D, M>,
  where: readonly Condition<D>[],
): Promise<string | null> {
  const asked = where.filter((c) => c.dimension === fact.period);
  if (asked.length === 0) return null;
  const held = (
    await readTable(dataSource, fact, { ...query, measures: [] }, [fact.period], [], null, {
      keys: false,
      limit: 10_000,
      tooMany: 'too many periods',
    })
  )
    .map((row) => Number(row.values[0]))
    .sort((a, b) => a - b);
  const period = fact.dimensions[fact.period];
  if (asked.some((c) => held.some((value) => matches(period, c, value)))) return null;
  const values = asked.flatMap((c) => c.values.map(String));
  const holds = held.length === 0 ? 'no data yet' : `data for ${held[0]}-${held[held.length - 1]}`;
  return `No ${fact.name} data for ${fact.periodArgument} ${values.join(', ')}: the hub holds ${holds}.`;
}

/**
 * Runs one GROUP BY over the fact's rows or its pre-aggregation and returns its rows
 * with typed dimension values, true counts, record-key sums (when asked) and magnitudes.
 */
async function readTable<D extends string, M extends string>(
  dataSource: DataSource,
  fact: FactDefinition<D, M>,
  query: AggregateQuery<D, M>,
  groupBy: readonly D[],
  where: readonly Condition<D>[],
  entityScope: readonly string[] | null,
  options: { keys: boolean; limit: number | undefined; tooMany: string },
): Promise<FineCell[]> {
  const dialect = dialectOf(dataSource);
  const shape = { groupBy, where, entityScope };
  const source = preAggregationSource(dataSource, fact, shape, dialect);
  const qb = dataSource.createQueryBuilder().from(source.table, 'f');
  const join = applyConditions(qb, fact, where, entityScope, dialect, source);
  qb.select([]);
  groupBy.forEach((key, i) => {
    const dimension = fact.dimensions[key];
    join(dimension);
    const expression = source.dimension(key, dimension);
    qb.addSelect(expression, `d${i}`);
    qb.addGroupBy(expression);
  });
  // For a protected table: how many keys the reference data has with each cell's attributes
  // (a structural parent is no difference; see FineCell.siblings). Same statement, small tables.
  const siblings: number[] = [];
  if (options.keys)
    groupBy.forEach((key, i) => {
      const hierarchy = fact.dimensions[key].hierarchy;
      if (!hierarchy?.key) return;
      const attributes = groupBy
        .map((k) => fact.dimensions[k])
        .filter((d) => d.hierarchy?.family === hierarchy.family && !d.hierarchy.key && d.join);
      const table = attributes[0]?.join?.table;
      if (!table) return;
      const same = attributes.map((d) => {
        const sql = d.sql(dialect);
        return `s${i}.${sql.slice(sql.indexOf('.') + 1)} = ${sql}`;
      });
      qb.addSelect(
        `MAX((SELECT COUNT(*) FROM ${table} s${i} WHERE ${same.join(' AND ')}))`,
        `n${i}`,
      );
      siblings.push(i);
    });
  if (source.where) qb.andWhere(source.where.sql, source.where.parameters);
  const inputs = measureInputs(fact, query.measures);
  for (const name of inputs.counts) {
    const [value, key] = source.count(name);
    qb.addSelect(value, `c_${name}`);
    if (options.keys) qb.addSelect(key, `k_${name}`);
  }
  for (const name of inputs.magnitudes) qb.addSelect(source.magnitude(name), `m_${name}`);
  if (options.limit !== undefined) qb.limit(options.limit + 1);
  const rows = await readRaw(
    dataSource,
    qb,
    query.ledger === undefined
      ? Number.MAX_SAFE_INTEGER
      : query.ledger.deadline - performance.now(),
    query.ledger?.sqlCount,
  );
  if (options.limit !== undefined && rows.length > options.limit)
    throw new BadUserInputError(options.tooMany, 'groupBy');
  const read = (row: Record<string, unknown>, prefix: string, names: readonly string[]) => {
    const values: Record<string, number> = {};
    for (const name of names) values[name] = Number(row[`${prefix}${name}`] ?? 0);
    return values;
  };
  return rows.map((row) => ({
    dimensions: {},
    values: groupBy.map((key, i) => fromSqlValue(fact.dimensions[key], row[`d${i}`])),
    counts: read(row, 'c_', inputs.counts),
    keys: options.keys ? read(row, 'k_', inputs.counts) : {},
    magnitudes: read(row, 'm_', inputs.magnitudes),
    siblings:
      siblings.length > 0
        ? Object.fromEntries(siblings.map((i) => [i, Number(row[`n${i}`] ?? 0)]))
        : undefined,
  }));
}

/** Whether a dimension value meets a condition, compared as SQL would. */
function matches(
  dimension: DimensionDefinition,
  condition: Condition<string>,
  value: DimensionValue | null,
): boolean {
  if (value === null) return false;
  switch (condition.op) {
    case 'in':
      return condition.values.some(
        (v) => String(fromSqlValue(dimension, toSqlValue(dimension, v))) === String(value),
      );
    case 'gte':
      return Number(value) >= Number(condition.values[0]);
    case 'lte':
      return Number(value) <= Number(condition.values[0]);
    default:
      return unreachable(condition.op);
  }
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
  source: FactSource = factTableSource(fact, dialect),
): (dimension: DimensionDefinition) => void {
  const joined = new Set<string>();
  const join = (dimension: DimensionDefinition): void => {
    if (!dimension.join || joined.has(dimension.join.alias)) return;
    joined.add(dimension.join.alias);
    qb.leftJoin(dimension.join.table, dimension.join.alias, dimension.join.on);
  };
  // A summary holds only the rows that meet the base condition.
  if (fact.baseWhere && !source.summarized) qb.andWhere(fact.baseWhere(dialect));
  where.forEach((condition, i) => {
    const dimension = fact.dimensions[condition.dimension];
    if (!dimension) throw new BadUserInputError(`Unknown dimension ${condition.dimension}.`);
    join(dimension);
    const param = `p${i}`;
    if (dimension.dateColumn && !source.summarized) {
      qb.andWhere(
        yearRangeSql(dimension.dateColumn, condition, param),
        yearRangeParams(condition, param),
      );
      return;
    }
    const expression = source.dimension(condition.dimension, dimension);
    const values = condition.values.map((v) => toSqlValue(dimension, v));
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
    const expression = source.dimension(
      fact.entityDimension,
      fact.dimensions[fact.entityDimension],
    );
    if (entityScope.length === 0) qb.andWhere('1 = 0');
    else qb.andWhere(`${expression} IN (:...scope)`, { scope: [...entityScope] });
  }
  return join;
}

/**
 * A condition on the year of a DATE column as date ranges on the column: `in` years becomes
 * `col >= 'Y-01-01' AND col < 'Y+1-01-01'` per year (OR-ed), `gte`/`lte` one bound.
 */
function yearRangeSql(column: string, condition: Condition<string>, param: string): string {
  switch (condition.op) {
    case 'in':
      if (condition.values.length === 0) return '1 = 0';
      return `(${condition.values
        .map((_, j) => `(${column} >= :${param}_${j}_from AND ${column} < :${param}_${j}_to)`)
        .join(' OR ')})`;
    case 'gte':
      return `${column} >= :${param}_0_from`;
    case 'lte':
      return `${column} < :${param}_0_to`;
    default:
      return unreachable(condition.op);
  }
}

function yearRangeParams(condition: Condition<string>, param: string): Record<string, string> {
  const params: Record<string, string> = {};
  condition.values.forEach((value, j) => {
    const year = Number(value);
    if (!Number.isInteger(year)) throw new BadUserInputError(`Invalid year ${String(value)}.`);
    params[`${param}_${j}_from`] = `${String(year).padStart(4, '0')}-01-01`;
    params[`${param}_${j}_to`] = `${String(year + 1).padStart(4, '0')}-01-01`;
  });
  return params;
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
  return [...new Set([fact.table, ...joined, ...(fact.reads ?? [])])];
}

/** The cell for a group that has no rows, as the caller sees it (suppressed when protected). */
export function emptyCell<M extends string>(
  fact: FactDefinition<string, M>,
  dimensions: AggregateCell['dimensions'],
  disclosure: Disclosure,
  measures?: readonly M[],
): AggregateCell<M> {
  if (disclosure === Disclosure.PERTURBED) return hiddenCell(fact, dimensions, measures);
  const { counts, magnitudes } = measureInputs(fact, measures);
  const zero = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, 0]));
  return exactCell(
    fact,
    { dimensions, counts: zero(counts), keys: {}, magnitudes: zero(magnitudes) },
    disclosure,
    measures,
  );
}

/**
 * The counts and magnitudes the measures read (every one when `measures` is omitted), in
 * declaration order, with the unit count, each magnitude's count (its key perturbs it) and the
 * counts a measure rests on.
 */
export function measureInputs<M extends string>(
  fact: FactDefinition<string, M>,
  measures?: readonly M[],
): { counts: string[]; magnitudes: string[] } {
  const allCounts = Object.keys(fact.counts);
  const allMagnitudes = Object.keys(fact.magnitudes ?? {});
  if (!measures) return { counts: allCounts, magnitudes: allMagnitudes };
  const counts = new Set([fact.unitCount]);
  const magnitudes = new Set<string>();
  for (const name of measures) {
    const measure = fact.measures[name];
    if (!measure) throw new Error(`${fact.name}: unknown measure ${name}`);
    for (const count of [...measure.compute.counts, ...(measure.restsOn ?? [])]) counts.add(count);
    for (const magnitude of measure.compute.magnitudes) {
      magnitudes.add(magnitude);
      const of = fact.magnitudes?.[magnitude]?.of;
      if (of) counts.add(of);
    }
  }
  return {
    counts: allCounts.filter((name) => counts.has(name)),
    magnitudes: allMagnitudes.filter((name) => magnitudes.has(name)),
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
  // Copied key by key: two object spreads in one literal take V8's slow path (6 µs a cell
  // against 0.1 µs, measured), and a request flattens every cell it returns.
  const flat: Record<string, DimensionValue | null> = {};
  for (const key in cell.dimensions) flat[key] = cell.dimensions[key];
  for (const key in cell.measures) flat[key] = cell.measures[key];
  flat.suppressed = cell.suppressed;
  flat.suppressionReason = cell.suppressionReason;
  flat.disclosure = cell.disclosure;
  return flat;
}
