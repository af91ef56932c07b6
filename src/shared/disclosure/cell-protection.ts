import {
  Disclosure,
  type AggregateCell,
  type CellValues,
  type DimensionValue,
  type FactDefinition,
  type MeasureDefinition,
} from '../facts';
import { mod, perturbCount, perturbMagnitude } from './perturbation';

/** One cell as SQL returns it: true counts, the sums of their units' record keys, magnitudes. */
export interface RawCell {
  dimensions: AggregateCell['dimensions'];
  counts: Readonly<Record<string, number>>;
  /** Sum of record keys per count (only read when perturbing). */
  keys: Readonly<Record<string, number>>;
  magnitudes: Readonly<Record<string, number>>;
}

/**
 * A cell of the finest table a protected request reads: one value for every dimension the request
 * constrains (grouped, filtered, listed, scoped) and for their coarser attributes. Each is a set
 * of units that any caller could ask for alone, so each is protected on its own; what the caller
 * sees is made of these parts (a list of values is the sum of its values' parts).
 */
export interface FineCell extends RawCell {
  /** Values of the table's dimensions, in `FineTable.dimensions` order. */
  values: readonly (DimensionValue | null)[];
  /**
   * Per key dimension of the table whose attributes are in it too (by position): how many keys
   * the reference data has with the cell's attribute values. One means the cell's key is the only
   * one of its kind (the only duty station of its country): its coarser parent is the same set
   * of people by construction, not a difference to protect.
   */
  siblings?: Readonly<Record<number, number>>;
}

export interface FineTable {
  /** Fact dimensions of the fine cells, in `FineCell.values` order. */
  dimensions: readonly string[];
  cells: readonly FineCell[];
  /** Whether a fine cell belongs to the answer (the request's filters, the caller's scope). */
  keep: (cell: FineCell) => boolean;
  /** Positions (in `dimensions`) of the dimensions the caller grouped by, and their fields. */
  output: readonly { index: number; field: string }[];
}

/** The counts whose size guards a measure: what it rests on, or every count it reads. */
export function guardsOf(fact: FactDefinition, measure: MeasureDefinition): readonly string[] {
  return (
    measure.restsOn ?? [
      ...measure.compute.counts,
      ...measure.compute.magnitudes.map((name) => {
        const of = fact.magnitudes?.[name]?.of;
        if (!of) throw new Error(`${fact.name}: unknown magnitude ${name}`);
        return of;
      }),
    ]
  );
}

/**
 * An exact or published cell: measures computed from the true values, rounded to their declared
 * precision like every answer (no float noise such as 57.49999999999999 goes out). (A perturbed
 * request goes through `protectTable`.)
 */
export function exactCell<M extends string>(
  fact: FactDefinition<string, M>,
  raw: RawCell,
  disclosure: Disclosure,
  only?: readonly M[],
): AggregateCell<M> {
  const names = only ?? (Object.keys(fact.measures) as M[]);
  const values = accessor(fact, [raw.counts], [raw.magnitudes]);
  const measures = {} as Record<M, number | null>; // filled for every asked measure below
  for (const name of names) {
    const definition = fact.measures[name];
    const value = definition.compute(values);
    measures[name] = value === null ? null : round(value, precisionOf(definition));
  }
  return {
    dimensions: raw.dimensions,
    measures,
    units: raw.counts[fact.unitCount] ?? 0,
    suppressed: false,
    suppressionReason: null,
    disclosure,
  };
}

/** A fine cell as published: perturbed counts and magnitudes, and which guard counts show. */
interface ProtectedPart {
  counts: Record<string, number>;
  magnitudes: Record<string, number>;
  /** Guard counts that may be shown (every rule below met). */
  visible: Set<string>;
}

/**
 * Disclosure control of one protected request, over its finest table.
 *
 * Every count of a fine cell (the units, and each sub-population such as women) is a set of
 * people. It is perturbed with its own cell key, and shown only if
 * - at least `threshold` units are in it, both before and after perturbation ("none" and "a few"
 *   look alike, and a published 5 never stands for a true 3);
 * - at least `threshold` units are in every parent but not in it: the cell's units without the
 *   attribute (the staff of a cell who are not women), and for each dimension the cell is
 *   constrained on, the units of the cell with that constraint dropped or coarsened (the entity's
 *   kind, the grade's category) that are not in the cell. Zero counts as few here: a shown
 *   parent and child never differ by 0-4 people, so no pair of answers, however phrased, isolates
 *   a few people, and whether a hidden cell is empty or not does not change what is shown.
 * The rules read true counts of sets the caller could ask for, so they depend on the cell alone,
 * never on how it was asked for or by whom.
 *
 * An answer cell is the sum of its fine cells' published values (a list of values, a range of
 * years, a token's entities): whatever set of values is asked for, the difference of two answers
 * is a sum of published parts, with nothing new to average. A measure is computed over the parts
 * where it is shown; derived values are rounded to the measure's precision.
 */
export function protectTable<M extends string>(
  fact: FactDefinition<string, M>,
  table: FineTable,
  /** The measures to compute (every one when omitted); the cells hold at least their inputs. */
  only?: readonly M[],
  /**
   * `cell`: each cell's own thresholds only (true and perturbed), for cells that are the one
   * answer of a shape fixed in code (`protectAsOne`); `table`: every rule.
   */
  rules: 'table' | 'cell' = 'table',
): AggregateCell<M>[] {
  const names = only ?? (Object.keys(fact.measures) as M[]);
  const guards = new Set<string>([fact.unitCount]);
  for (const name of names)
    for (const count of guardsOf(fact, fact.measures[name])) guards.add(count);
  const published = table.cells.map((cell) => perturb(fact, cell));
  const visible = visibility(
    fact,
    table,
    published.map((p) => p.counts),
    [...guards],
    rules,
  );

  const answers = new Map<
    string,
    { dimensions: AggregateCell['dimensions']; parts: ProtectedPart[] }
  >();
  table.cells.forEach((cell, row) => {
    if (!table.keep(cell)) return;
    const part = { ...published[row], visible: visible[row] };
    const key = table.output.map(({ index }) => String(cell.values[index])).join('\u0001');
    let answer = answers.get(key);
    if (!answer) {
      const dimensions: AggregateCell['dimensions'] = {};
      for (const { index, field } of table.output) dimensions[field] = cell.values[index];
      answer = { dimensions, parts: [] };
      answers.set(key, answer);
    }
    answer.parts.push(part);
  });
  return [...answers.values()].map(({ dimensions, parts }) =>
    combine(fact, dimensions, parts, names),
  );
}

/**
 * A table whose kept cells are summed into the answer cells first, each then protected alone (no
 * parents to check): for queries whose shape is fixed in code (`AggregateQuery.declared`).
 */
export function protectAsOne<M extends string>(
  fact: FactDefinition<string, M>,
  table: FineTable,
  only?: readonly M[],
): AggregateCell<M>[] {
  const merged = new Map<
    string,
    FineCell & {
      counts: Record<string, number>;
      keys: Record<string, number>;
      magnitudes: Record<string, number>;
    }
  >();
  const add = (into: Record<string, number>, from: Readonly<Record<string, number>>) => {
    for (const name in from) into[name] = (into[name] ?? 0) + from[name];
  };
  for (const cell of table.cells) {
    if (!table.keep(cell)) continue;
    const values = table.output.map(({ index }) => cell.values[index]);
    const key = values.map(String).join('\u0001');
    let into = merged.get(key);
    if (!into) {
      into = { dimensions: {}, values, counts: {}, keys: {}, magnitudes: {} };
      merged.set(key, into);
    }
    add(into.counts, cell.counts);
    add(into.keys, cell.keys);
    add(into.magnitudes, cell.magnitudes);
  }
  return protectTable(
    fact,
    {
      dimensions: table.output.map(({ index }) => table.dimensions[index]),
      cells: [...merged.values()],
      keep: () => true,
      output: table.output.map(({ field }, index) => ({ index, field })),
    },
    only,
    'cell',
  );
}

/** The cell for a group with no units at all, as a protected caller sees it. */
export function hiddenCell<M extends string>(
  fact: FactDefinition<string, M>,
  dimensions: AggregateCell['dimensions'],
  only?: readonly M[],
): AggregateCell<M> {
  return combine(fact, dimensions, [], only ?? (Object.keys(fact.measures) as M[]));
}

/**
 * The groups of fine cells that share a parent: for every dimension a cell may be differenced
 * along, the cells that differ only in it (that dimension dropped; a key's coarser attributes
 * stay, so dropping the entity gives its kind). The period is never dropped (a stock is never
 * summed across periods, a flow's periods are parts of an answer), nor a dimension that does not
 * classify the units, nor an attribute whose key is in the table (dropping it changes nothing).
 */
function parentGroups(fact: FactDefinition, table: FineTable): number[][] {
  const keys = table.dimensions.filter((name) => fact.dimensions[name]?.hierarchy?.key === true);
  const families = new Set(keys.map((name) => fact.dimensions[name].hierarchy?.family));
  const groups: number[][] = [];
  table.dimensions.forEach((name, index) => {
    const dimension = fact.dimensions[name];
    if (name === fact.period || dimension.unitAttribute === false) return;
    const hierarchy = dimension.hierarchy;
    if (hierarchy && !hierarchy.key && families.has(hierarchy.family)) return;
    const byParent = new Map<string, number[]>();
    table.cells.forEach((cell, row) => {
      if (cell.siblings?.[index] === 1) return; // its parent is itself, by reference
      const key = cell.values.map((v, i) => (i === index ? '' : String(v))).join('\u0001');
      const group = byParent.get(key);
      if (group) group.push(row);
      else byParent.set(key, [row]);
    });
    groups.push(...byParent.values());
  });
  return groups;
}

/**
 * Which counts of each fine cell may be shown. Primary rules: at least `threshold` units in the
 * count, before and after perturbation; in the cell's units without the attribute; and in each
 * parent but not in the cell. Secondary rule: among the cells sharing a parent, the hidden ones
 * add up to none or to at least `threshold` units, else the smallest shown ones are hidden too
 * (so that a parent minus its shown children is never a few people); repeated until it holds.
 */
function visibility(
  fact: FactDefinition,
  table: FineTable,
  published: readonly Record<string, number>[],
  checked: readonly string[],
  rules: 'table' | 'cell',
): Set<string>[] {
  const threshold = fact.threshold;
  const groups = rules === 'table' ? parentGroups(fact, table) : [];
  const cells = table.cells;
  const visible = cells.map(() => new Set<string>());
  for (const name of checked) {
    const definition = fact.counts[name];
    const attribute =
      rules === 'table' &&
      name !== fact.unitCount &&
      definition.where !== undefined &&
      definition.unitAttribute !== false;
    const count = (row: number) => cells[row].counts[name] ?? 0;
    const shown = cells.map((cell, row) => {
      const n = count(row);
      if (n < threshold || (published[row][name] ?? 0) < threshold) return false;
      if (attribute && (cell.counts[fact.unitCount] ?? 0) - n < threshold) return false;
      return true;
    });
    for (const group of groups) {
      const total = group.reduce((sum, row) => sum + count(row), 0);
      for (const row of group) if (total - count(row) < threshold) shown[row] = false;
    }
    for (let changed = true; changed;) {
      changed = false;
      for (const group of groups) {
        let hidden = 0;
        for (const row of group) if (!shown[row]) hidden += count(row);
        if (hidden === 0 || hidden >= threshold) continue;
        // The smallest shown cells first, in a fixed order: the same data, the same choice.
        const candidates = group
          .filter((row) => shown[row])
          .sort((x, y) => count(x) - count(y) || x - y);
        for (const row of candidates) {
          if (hidden >= threshold) break;
          shown[row] = false;
          hidden += count(row);
          changed = true;
        }
      }
    }
    shown.forEach((ok, row) => ok && visible[row].add(name));
  }
  return visible;
}

/** A fine cell's counts and magnitudes as published: each perturbed with its own cell key. */
function perturb(
  fact: FactDefinition,
  cell: FineCell,
): Pick<ProtectedPart, 'counts' | 'magnitudes'> {
  const counts: Record<string, number> = {};
  for (const name in cell.counts)
    counts[name] = perturbCount(cell.counts[name], mod(cell.keys[name] ?? 0));
  const magnitudes: Record<string, number> = {};
  for (const name in cell.magnitudes) {
    const definition = fact.magnitudes?.[name];
    if (!definition) throw new Error(`${fact.name}: unknown magnitude ${name}`);
    magnitudes[name] = perturbMagnitude(
      cell.magnitudes[name],
      mod(cell.keys[definition.of] ?? 0),
      definition.scale,
    );
  }
  return { counts, magnitudes };
}

/** An answer cell from its parts: sums of what each part shows, measures over those sums. */
function combine<M extends string>(
  fact: FactDefinition<string, M>,
  dimensions: AggregateCell['dimensions'],
  parts: readonly ProtectedPart[],
  names: readonly M[],
): AggregateCell<M> {
  const shown = parts.filter((part) => part.visible.has(fact.unitCount));
  const measures = {} as Record<M, number | null>; // filled for every asked measure below
  if (shown.length === 0) {
    for (const name of names) measures[name] = null;
    return {
      dimensions,
      measures,
      units: 0,
      suppressed: true,
      suppressionReason: `Fewer than ${fact.threshold} units in this cell (or none), or a cell it could be subtracted from differs from it by fewer.`,
      disclosure: Disclosure.PERTURBED,
    };
  }
  const units = shown.reduce((sum, part) => sum + part.counts[fact.unitCount], 0);
  const hidden: string[] = [];
  for (const name of names) {
    const definition = fact.measures[name];
    const guards = guardsOf(fact, definition);
    const over = parts.filter((part) => guards.every((count) => part.visible.has(count)));
    if (over.length === 0) {
      hidden.push(name);
      measures[name] = null;
      continue;
    }
    const value = definition.compute(
      accessor(
        fact,
        over.map((part) => part.counts),
        over.map((part) => part.magnitudes),
      ),
    );
    measures[name] = value === null ? null : round(value, precisionOf(definition));
  }
  const reasons: string[] = [];
  if (hidden.length > 0)
    reasons.push(
      `${hidden.join(', ')}: fewer than ${fact.threshold} units in the sub-population (or none), or in what it could be subtracted from.`,
    );
  if (shown.length < parts.length)
    reasons.push(
      `Sums over the ${shown.length} of ${parts.length} listed parts that are shown; the others are hidden.`,
    );
  return {
    dimensions,
    measures,
    units,
    suppressed: false,
    suppressionReason: reasons.length > 0 ? reasons.join(' ') : null,
    disclosure: Disclosure.PERTURBED,
  };
}

const precisionOf = (measure: MeasureDefinition): number =>
  measure.precision ?? (measure.type === 'int' ? 0 : 1);

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Reads counts and magnitudes summed over parts; an undeclared name throws. */
function accessor(
  fact: FactDefinition,
  counts: readonly Readonly<Record<string, number>>[],
  magnitudes: readonly Readonly<Record<string, number>>[],
): CellValues {
  const sum = (parts: readonly Readonly<Record<string, number>>[], kind: string, name: string) => {
    // One part (an exact cell, a protected cell of no list): its value, with no loop.
    if (parts.length === 1 && Object.hasOwn(parts[0], name)) return parts[0][name];
    let total = 0;
    for (const part of parts) {
      const value = Object.hasOwn(part, name) ? part[name] : undefined;
      if (value === undefined) throw new Error(`${fact.name}: unknown ${kind} ${name}`);
      total += value;
    }
    return total;
  };
  return {
    count: (name) => sum(counts, 'count', name),
    magnitude: (name) => sum(magnitudes, 'magnitude', name),
  };
}
