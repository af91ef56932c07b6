import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { dialectOf, type Dialect } from '../../db/dialect';
import type { DataSourceSchema } from '../../db/data-source';
import { plainColumnOf } from '../../db/entity-tables';
import { hubState } from '../../db/hub-data-source';
import type { DimensionDefinition, FactDefinition } from '../facts';
import { countSql, magnitudeSql, type FactSource } from './fact-sql';

/**
 * Summary tables (pre-aggregations, as Cube calls them): a fact's rows grouped by some of its
 * own dimensions, with every count, record-key sum and magnitude already summed, kept in the
 * load's transaction and picked automatically for a request whose groupings, filters and scope
 * they can answer: one kind of the facts' pre-aggregations (`pre-aggregations.ts`). Each is
 * declared once on the fact (`preAggregations: { summaries: [['YEAR', 'ENTITY'], ...] }`);
 * its table, columns, build SQL and coverage are derived from the fact's declaration.
 *
 * An answer from a summary is the answer from the fact table: counts and record-key sums add up
 * (so cell-key perturbation gives the same numbers), and so do magnitudes. A table's name
 * carries a hash of its build SQL, so a changed declaration gets a new table and the old one is
 * dropped when the database is prepared.
 */

/** One summary of a fact, as derived from its declaration. */
export interface SummaryTable {
  table: string;
  /** The grouped dimension keys, and the column each is stored in. */
  members: ReadonlyMap<string, string>;
  /** INSERT ... SELECT's column list and SELECT over the fact table. */
  columnList: readonly string[];
  select: string;
}

/** What a hub database is brought to: its entities and migrations, and the facts' summaries. */
export type SummarizedSchema = DataSourceSchema & { readonly facts: readonly FactDefinition[] };

const cache = new WeakMap<FactDefinition, Map<string, SummaryTable[]>>();

/** A summary's columns for a count, its record-key sum and a magnitude. */
const countColumn = (name: string) => `c_${name}`;
const keyColumn = (name: string) => `k_${name}`;
const magnitudeColumn = (name: string) => `m_${name}`;

/** The summaries of a fact on a dialect, in declaration order (declare the smallest first). */
export function summaryTables(fact: FactDefinition, dialect: Dialect): SummaryTable[] {
  let byDialect = cache.get(fact);
  if (!byDialect) cache.set(fact, (byDialect = new Map()));
  const known = byDialect.get(dialect.name);
  if (known) return known;
  const pre = fact.preAggregations;
  const declared = pre && 'summaries' in pre ? pre.summaries : [];
  const tables = declared.map((keys, i) => deriveSummary(fact, keys, i, dialect));
  byDialect.set(dialect.name, tables);
  return tables;
}

function deriveSummary(
  fact: FactDefinition,
  keys: readonly string[],
  index: number,
  dialect: Dialect,
): SummaryTable {
  const members = new Map<string, string>();
  const grouped: string[] = [];
  const selected: string[] = [];
  for (const key of keys) {
    const dimension: DimensionDefinition | undefined = fact.dimensions[key];
    if (!dimension) throw new Error(`${fact.name}: summary member ${key} is not a dimension`);
    if (dimension.join)
      throw new Error(`${fact.name}: summary member ${key} is a joined attribute`);
    const sql = dimension.sql(dialect);
    // `f.x` exactly: a plain column, stored under its own name, which is what the joins of the
    // attributes a shared dimension's key brings read (`summaryCovers`).
    const plain = plainColumnOf(sql);
    if (dimension.hierarchy?.key && !plain)
      throw new Error(`${fact.name}: summary member ${key} is a key but not a plain column`);
    const column = plain ?? `d_${key.toLowerCase()}`;
    members.set(key, column);
    grouped.push(sql);
    selected.push(`${sql} AS ${column}`);
  }
  const columnList = [...members.values()];
  for (const [name, count] of Object.entries(fact.counts)) {
    const [value, key] = countSql(count, dialect);
    selected.push(`${value} AS ${countColumn(name)}`, `${key} AS ${keyColumn(name)}`);
    columnList.push(countColumn(name), keyColumn(name));
  }
  for (const name of Object.keys(fact.magnitudes ?? {})) {
    selected.push(`${magnitudeSql(fact, name, dialect)} AS ${magnitudeColumn(name)}`);
    columnList.push(magnitudeColumn(name));
  }
  const where = fact.baseWhere ? ` WHERE ${fact.baseWhere(dialect)}` : '';
  const select =
    `SELECT ${selected.join(', ')} FROM ${fact.table} f${where}` +
    (grouped.length > 0 ? ` GROUP BY ${grouped.join(', ')}` : '');
  const hash = createHash('sha256').update(select).digest('hex').slice(0, 10);
  return { table: `${fact.table}__s${index}_${hash}`, members, columnList, select };
}

/** The prefix of every summary table of a fact, current or stale. */
const prefixOf = (fact: FactDefinition) => `${fact.table}__s`;

async function existingTables(db: DataSource | EntityManager, prefix: string): Promise<string[]> {
  const dataSource = 'connection' in db ? db.connection : db;
  const rows: { name: string }[] =
    dialectOf(dataSource).name === 'sqlite'
      ? await db.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ?`, [
          `${prefix}%`,
        ])
      : await db.query(
          'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE ?',
          [`${prefix}%`],
        );
  // LIKE treats `_` as a wildcard: keep exact prefixes only.
  return rows.map((r) => r.name).filter((name) => name.startsWith(prefix));
}

/**
 * Creates the current summary tables that are missing, filled from the fact tables (one
 * CREATE TABLE ... AS SELECT each, so no reader sees one empty), indexes them, drops the tables
 * of earlier declarations, and marks the current ones ready for this data source. Runs after
 * migrations, outside any transaction (MariaDB commits around DDL). Two processes starting
 * together both try; the second's CREATE fails on the existing table and it moves on.
 */
export async function prepareSummaries(
  dataSource: DataSource,
  facts: readonly FactDefinition[],
  options: { create: boolean } = { create: true },
): Promise<void> {
  const dialect = dialectOf(dataSource);
  const tables = new Set<string>();
  for (const fact of facts) {
    const summaries = summaryTables(fact, dialect);
    if (summaries.length === 0) continue;
    const existing = new Set(await existingTables(dataSource, prefixOf(fact)));
    for (const summary of summaries) {
      if (!existing.has(summary.table) && options.create) {
        try {
          await dataSource.query(`CREATE TABLE ${summary.table} AS ${summary.select}`);
        } catch (error) {
          if (!(await existingTables(dataSource, summary.table)).includes(summary.table))
            throw error;
          continue; // another process created it (and indexes it)
        }
        await dataSource.query(
          `CREATE INDEX ix_${summary.table} ON ${summary.table} (${[...summary.members.values()].join(', ')})`,
        );
      } else if (!existing.has(summary.table)) continue;
      tables.add(summary.table);
    }
    if (options.create) {
      const current = new Set(summaries.map((s) => s.table));
      for (const stale of existing)
        if (!current.has(stale)) await dataSource.query(`DROP TABLE ${stale}`);
    }
  }
  hubState(dataSource).readyTables = tables;
}

/**
 * Rebuilds, inside a load's transaction, the summaries of every fact that reads one of the
 * changed tables, so they commit (or roll back) with the rows they summarize.
 */
export async function refreshSummaries(
  manager: EntityManager,
  facts: readonly FactDefinition[],
  changedTables: readonly string[],
): Promise<void> {
  const dialect = dialectOf(manager.connection);
  const changed = new Set(changedTables);
  for (const fact of facts) {
    if (![fact.table, ...(fact.reads ?? [])].some((table) => changed.has(table))) continue;
    const summaries = summaryTables(fact, dialect);
    if (summaries.length === 0) continue;
    const existing = new Set(await existingTables(manager, prefixOf(fact)));
    for (const summary of summaries) {
      if (!existing.has(summary.table)) continue;
      await manager.query(`DELETE FROM ${summary.table}`);
      await manager.query(
        `INSERT INTO ${summary.table} (${summary.columnList.join(', ')}) ${summary.select}`,
      );
    }
  }
}

/**
 * Whether a summary can answer for a dimension, from the declaration alone: the dimension is
 * one of its members, or an attribute of a shared dimension (entity kind, grade category,
 * hardship class) whose key is a member, so the summary keeps the column the attribute's join
 * reads (a member that is a plain column is stored under its own name).
 */
function summaryCovers(
  fact: FactDefinition,
  summary: Pick<SummaryTable, 'members'>,
  key: string,
): boolean {
  if (summary.members.has(key)) return true;
  const family = fact.dimensions[key]?.hierarchy;
  if (!family || family.key) return false;
  return [...summary.members.keys()].some((member) => {
    const hierarchy = fact.dimensions[member].hierarchy;
    return hierarchy?.key === true && hierarchy.family === family.family;
  });
}

/**
 * The first ready summary that covers every dimension a request needs (`summaryCovers`). Null:
 * read the fact table.
 */
export function pickSummary<D extends string>(
  dataSource: DataSource,
  fact: FactDefinition<D>,
  needed: ReadonlySet<D>,
  dialect: Dialect,
): FactSource | null {
  const available = hubState(dataSource).readyTables;
  for (const summary of summaryTables(fact, dialect)) {
    if (!available.has(summary.table)) continue;
    const covers = [...needed].every((key) => summaryCovers(fact, summary, key));
    if (covers) {
      // Every count and magnitude is already summed per summary row: add those up.
      return {
        table: summary.table,
        summarized: true,
        dimension: (key, dimension) => {
          const column = summary.members.get(key);
          return column ? `f.${column}` : dimension.sql(dialect);
        },
        count: (name) => [`SUM(f.${countColumn(name)})`, `SUM(f.${keyColumn(name)})`],
        magnitude: (name) => `SUM(f.${magnitudeColumn(name)})`,
      };
    }
  }
  return null;
}
