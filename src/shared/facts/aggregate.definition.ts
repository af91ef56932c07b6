import type { Role } from '../auth';
import type { ClassType } from 'type-graphql';
import type { ObjectLiteral } from 'typeorm';
import type { Dialect } from '../../db/dialect';
import type { SqlCount } from '../../db/sql-statement-counter';
import { tableOf } from '../../db/entity-tables';

export type DimensionValue = string | number | boolean;

/** How a dimension's values are typed: in SQL results, in filters and in the GraphQL cell. */
export type DimensionType =
  | { kind: 'string' }
  | { kind: 'int' }
  | { kind: 'boolean' }
  /** A type-graphql enum (registered with `registerEnumType`); its values are what SQL returns. */
  | { kind: 'enum'; values: Readonly<Record<string, string>> };

export interface JoinDefinition {
  table: string;
  alias: string;
  /** Join condition over the fact alias `f` and this alias. */
  on: string;
}

/** A dimension whose values are keys of a dimension object (Entity, DutyStation, MemberState). */
export interface DimensionLink {
  /** Cell field that resolves to the object, e.g. `entity`. */
  field: string;
  /** The TypeORM entity that is also the GraphQL object type. */
  target: () => ClassType<ObjectLiteral>;
  /** Property of the object the dimension value matches, e.g. `code`. */
  key: string;
  /** How to name one such object in descriptions: "entity", "duty station". */
  noun: string;
  /**
   * The root field listing every such object and the property that names one (`entities`,
   * `name`): the codelist of the dimension where it is published (SDMX).
   */
  list?: { field: string; label: string };
}

export interface DimensionDefinition {
  /** Property of the returned cell that carries the value, e.g. `entityCode`. */
  field: string;
  description: string;
  /** SQL expression over the fact alias `f` (and the join's alias). */
  sql: (dialect: Dialect) => string;
  type: DimensionType;
  join?: JoinDefinition;
  /** Name of the filter argument (`entityCodes`; a single `geographical` for booleans); null: not filterable. */
  filter: string | null;
  /** Inclusive range filters on an ordered dimension (the period): `yearFrom`, `yearTo`. */
  range?: { from: string; to: string };
  link?: DimensionLink;
  /** Over grouping sets (`preAggregations.groupingSets`): the members the dimension needs. */
  groupingSetMembers?: readonly string[];
  /**
   * For a year that is the calendar year of a DATE column: the column. Filters on the year then
   * compare the column with date ranges (sargable), grouping still uses `sql`.
   */
  dateColumn?: string;
  /**
   * The shared dimension this one belongs to (its join): its key (`ENTITY`) or an attribute
   * reached through the key (`ENTITY_KIND`). An attribute is a coarser grouping of the key's
   * values, so disclosure control treats it as the key's parent.
   */
  hierarchy?: { family: string; key: boolean };
  /**
   * Whether the dimension classifies the units counted (people, cases): two cells that differ
   * in it differ by people, so disclosure control checks the difference. False for what
   * classifies the answers rather than who gave them (a survey question). Default true.
   */
  unitAttribute?: boolean;
}

/**
 * Units counted in a cell: all of them, or those meeting a condition (women, geographical
 * posts). Over grouping sets the counts are already aggregated: `sum` and `keySum` say which
 * columns hold a count and the sum of its units' record keys.
 */
export interface CountDefinition {
  /** SQL condition over alias `f`; every unit of the cell when omitted. */
  where?: (dialect: Dialect) => string;
  /** Pre-aggregated count (SQL over alias `f`), summed over the grouping-set rows of a cell. */
  sum?: (dialect: Dialect) => string;
  /** Pre-aggregated sum of the counted units' record keys. */
  keySum?: (dialect: Dialect) => string;
  /**
   * Whether `where` is an attribute of the units (women, completed, closed): the units without
   * it are then a sub-population too, and the count is shown only where they are not few either.
   * False for a condition that says nothing about a person (both dates of a stage recorded).
   * Default true for counts with `where`.
   */
  unitAttribute?: boolean;
}

/**
 * A fact whose own table holds its pre-aggregations, built at import time: one row per
 * materialized grouping set (a bit per member, in `members` order) and combination of its
 * members' values. A query uses the set made of the members its dimensions need, and is refused
 * if that set is not materialized.
 */
export interface GroupingSetsDefinition {
  /** Column holding a row's grouping set (a bit mask over `members`). */
  column: string;
  members: readonly string[];
  materialized: (mask: number) => boolean;
  /** Why a set is not materialized, for the refusal (what may be combined). */
  limit: string;
}

/** How a fact is pre-aggregated (FactDefinition.preAggregations). */
export type PreAggregations<D extends string> =
  { summaries: readonly (readonly D[])[] } | { groupingSets: GroupingSetsDefinition };

/** A sum over the units of one count (ages, days): the numerator of a mean. */
export interface MagnitudeDefinition {
  /** Value of one unit, SQL over alias `f`; summed over the units of `of`. */
  sql: (dialect: Dialect) => string;
  /** The count whose units are summed: its cell key perturbs the sum, its threshold guards it. */
  of: string;
  /** Typical size of one unit's value (years, days): the magnitude's noise is up to ±2 of it. */
  scale: number;
}

/** What a measure reads from a cell: counts and magnitudes, as published to this caller. */
export interface CellValues {
  count(name: string): number;
  magnitude(name: string): number;
}

/**
 * A measure's computation from the cell's counts and magnitudes (null when undefined, 0/0),
 * with the counts and magnitudes it may read, declared (`measures.ts` helpers do): a query
 * computes and selects only the inputs of the measures it asks for. Reading an undeclared input
 * throws.
 */
export interface Compute {
  (values: CellValues): number | null;
  readonly counts: readonly string[];
  readonly magnitudes: readonly string[];
}

export interface MeasureDefinition {
  type: 'int' | 'float';
  description: string;
  compute: Compute;
  /**
   * The counts whose size guards the measure for protected roles, when not every count it reads:
   * a median reads the cumulative counts of its bins, small by design at the low end, and rests
   * on the whole. Unset: every count the measure reads must reach the threshold.
   */
  restsOn?: readonly string[];
  /**
   * Decimals a protected (perturbed) value is rounded to before it leaves the engine: no digit
   * beyond it may carry the noise's bits. Default: 0 for int measures, 1 for float measures.
   */
  precision?: number;
}

/**
 * A fact table declared once: which dimensions may be grouped and filtered (and how they join
 * the shared dimensions), which counts and magnitudes are computed, and the measures derived
 * from them.
 * The aggregation engine runs it; `fact-graph.ts` derives its GraphQL enum, filter input, cell
 * type, root field, nested fields and cell links from it.
 *
 * `kind` carries the stock/flow rule: a stock (headcount at 31 December) is never summed across
 * periods, so every cell of a stock must lie in exactly one period; a flow (recruitments) may be.
 */
export interface FactDefinition<D extends string = string, M extends string = string> {
  /** Root query field and name in messages, e.g. `workforce`. */
  name: string;
  /** Prefix of the derived GraphQL types: `Workforce` gives WorkforceCell, WorkforceFilter, WorkforceDimension. */
  typeName: string;
  description: string;
  /**
   * The TypeORM entity of the table the fact's rows are in (its grouping sets' table, for a fact
   * pre-aggregated by grouping sets):
   * the table is derived from it, and its columns are named through `columnsOf(entity)`.
   */
  entity: ClassType<ObjectLiteral>;
  /** The entity's table, derived by `defineFact`. */
  table: string;
  kind: 'stock' | 'flow';
  /** The dimension that holds the period (YEAR), and the shortcut argument for it (`year`). */
  period: NoInfer<D>;
  periodArgument: string;
  /** The dimension holding Secretariat entity codes, for token scopes; none if not attributed. */
  entityDimension?: NoInfer<D>;
  dimensions: Readonly<Record<D, DimensionDefinition>>;
  /** The counts of a cell; each has its own cell key, so a sub-population is perturbed as its own cell. */
  counts: Readonly<Record<string, CountDefinition>>;
  magnitudes?: Readonly<Record<string, MagnitudeDefinition>>;
  measures: Readonly<Record<M, MeasureDefinition>>;
  /** The count of the units a cell is about (people, job openings). */
  unitCount: string;
  /**
   * Disclosure control for protected roles: a cell, or a measure, resting on fewer units than
   * this (after perturbation, including none) is not shown.
   */
  threshold: number;
  /**
   * Figures the Organization publishes itself (staff by nationality for the desirable ranges),
   * with where they are published: exact for every role, and over all entities whatever the
   * caller's scope.
   */
  published?: string;
  /**
   * The roles that may see this fact's exact values, where the role policy would give them
   * exact values at all (hr, conduct); every other role sees it as an analyst does (perturbed,
   * thresholded, shape rules). Unset: hr only (`EXACT_BY_DEFAULT`). `[]` for answers given on a
   * promise of anonymity (the survey); `[CONDUCT]` for conduct cases.
   */
  exactFor?: readonly Role[];
  /**
   * Pre-aggregations (as Cube calls them): the fact's rows already grouped, read instead of its
   * rows when a request needs only what they keep. The engine picks the source of every request
   * in one place (`preAggregationSource`); there are two kinds:
   * - `summaries`: tables the hub derives from this declaration and keeps at every load
   *   (`summaries.ts`). Each lists the fact's own dimensions (columns, or expressions over them;
   *   never a joined attribute) its rows are grouped by. A request that groups, filters and is
   *   scoped only by a summary's dimensions, or by attributes joined on them, reads the first
   *   such summary instead of the fact table: declare the smallest first.
   * - `groupingSets`: the fact's table itself is the pre-aggregation, filled by its importer
   *   (the survey's answers are never read by a request); every request reads one of its sets.
   */
  preAggregations?: PreAggregations<NoInfer<D>>;
  /**
   * Tables of other datasets the counts read besides the fact table and the dimensions' joins
   * (an EXISTS subquery), so a response says their versions too: derived from the declaration's
   * entities by `defineFact`.
   */
  reads?: readonly string[];
  /** Condition every counted row meets (e.g. only completed recruitments), if any. */
  baseWhere?: (dialect: Dialect) => string;
  /**
   * The root field answers `{ cells { ... } threshold disclosure }` instead of a bare list of
   * cells, for facts whose consumers want the protection said next to the cells (the survey).
   */
  wrapCells?: boolean;
  /** Linked dimensions whose object gets a nested field named after the fact (`Entity.workforce`). */
  nestedUnder?: readonly NoInfer<D>[];
}

/** A fact as a dataset declares it: tables come from their entities. */
export type FactDeclaration<D extends string, M extends string> = Omit<
  FactDefinition<D, M>,
  'table' | 'reads'
> & {
  /** Entities of other datasets the counts read (an EXISTS subquery). */
  reads?: readonly ClassType<ObjectLiteral>[];
};

/**
 * Derives a fact's table from its entity and checks its internal references once, where it is
 * declared.
 */
export function defineFact<D extends string, M extends string>(
  declaration: FactDeclaration<D, M>,
): FactDefinition<D, M> {
  const fact: FactDefinition<D, M> = {
    ...declaration,
    table: tableOf(declaration.entity),
    reads: declaration.reads?.map(tableOf),
  };
  const problems: string[] = [];
  if (!(fact.period in fact.dimensions)) problems.push(`period ${fact.period} is not a dimension`);
  if (fact.entityDimension && !(fact.entityDimension in fact.dimensions))
    problems.push(`entityDimension ${fact.entityDimension} is not a dimension`);
  if (!(fact.unitCount in fact.counts)) problems.push(`unitCount ${fact.unitCount} is not a count`);
  for (const [name, magnitude] of Object.entries(fact.magnitudes ?? {}))
    if (!(magnitude.of in fact.counts))
      problems.push(`magnitude ${name} sums over unknown count ${magnitude.of}`);
  for (const [name, measure] of Object.entries<MeasureDefinition>(fact.measures)) {
    for (const input of [...measure.compute.counts, ...(measure.restsOn ?? [])])
      if (!(input in fact.counts)) problems.push(`measure ${name} reads unknown count ${input}`);
    for (const input of measure.compute.magnitudes)
      if (!(input in (fact.magnitudes ?? {})))
        problems.push(`measure ${name} reads unknown magnitude ${input}`);
  }
  for (const key of fact.nestedUnder ?? [])
    if (!fact.dimensions[key]?.link) problems.push(`nestedUnder ${key} has no link`);
  const dimensions = Object.values<DimensionDefinition>(fact.dimensions);
  const fields = [
    ...dimensions.map((d) => d.field),
    ...dimensions.flatMap((d) => (d.link ? [d.link.field] : [])),
    ...Object.keys(fact.measures),
    'suppressed',
    'suppressionReason',
    'disclosure',
  ];
  const duplicate = fields.find((field, i) => fields.indexOf(field) !== i);
  if (duplicate) problems.push(`cell field ${duplicate} is declared twice`);
  if (problems.length > 0) throw new Error(`fact ${fact.name}: ${problems.join('; ')}`);
  return fact;
}

export type ConditionOperator = 'in' | 'gte' | 'lte';

export interface Condition<D extends string = string> {
  dimension: D;
  op: ConditionOperator;
  values: readonly DimensionValue[];
}

export interface AggregateRequest<D extends string = string, M extends string = string> {
  groupBy: readonly D[];
  where: readonly Condition<D>[];
  /**
   * The measures to compute (what the query selected); every measure when omitted. The unit
   * count is always read: it decides whether the cell is shown.
   */
  measures?: readonly M[];
}

/**
 * What the engine reports to, and is bounded by, in the request it runs for (the request's
 * ledger, `src/shared/access/request-ledger.ts`).
 */
export interface QueryLedger {
  /** Stop the query (QUERY_TIMEOUT) when it runs past this time (`performance.now()`, ms). */
  readonly deadline: number;
  /** The request's statement count, for its metrics. */
  readonly sqlCount?: SqlCount;
  /** Told how many cells disclosure control hid from one of a fact's tables (for the trace). */
  cellsHidden(fact: string, count: number): void;
}

/** What the engine runs: a request plus what the caller's access adds to it. */
export interface AggregateQuery<
  D extends string = string,
  M extends string = string,
> extends AggregateRequest<D, M> {
  /** Entity codes the caller may see; null for no restriction. */
  entityScope: readonly string[] | null;
  /** How the values are protected for this caller. */
  disclosure: Disclosure;
  /** Refuse results with more cells than this (a hostile or careless groupBy). */
  maxCells?: number;
  /** The request the query runs for: its deadline, statement count and what it hid. */
  ledger?: QueryLedger;
  /**
   * The shape is fixed in code (an indicator computation), not the caller's: a protected answer
   * cell is protected as one set (its parts summed first). Nobody can vary such a query, so its
   * few answers cannot be averaged, and a span of years keeps the noise of one cell.
   */
  declared?: boolean;
}

/** How the values of a cell were protected. */
export enum Disclosure {
  /** Counts perturbed by cell key, small cells and measures hidden (public and analyst roles). */
  PERTURBED = 'PERTURBED',
  /** True values (hr and conduct roles, within their scope). */
  EXACT = 'EXACT',
  /** True values that the Organization publishes itself. */
  PUBLISHED = 'PUBLISHED',
}

/** One output row: the grouped dimension values, the measures and the disclosure flags. */
export interface AggregateCell<M extends string = string> {
  dimensions: Record<string, DimensionValue | null>;
  measures: Record<M, number | null>;
  /** Units behind the cell (people, job openings) as published: perturbed unless exact. */
  units: number;
  suppressed: boolean;
  /** Why the cell, or some of its measures, are hidden. */
  suppressionReason: string | null;
  disclosure: Disclosure;
}

/** A cell as GraphQL returns it: dimension fields and measures side by side. */
export type FlatCell = Readonly<Record<string, DimensionValue | null>>;

/** The fact's dimensions as typed [key, definition] pairs (Object.entries widens keys to string). */
export function dimensionEntries<D extends string>(
  fact: FactDefinition<D>,
): [D, DimensionDefinition][] {
  return Object.entries(fact.dimensions) as [D, DimensionDefinition][];
}
