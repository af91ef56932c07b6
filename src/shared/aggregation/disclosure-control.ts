import type { AggregateCell } from './aggregate.definition';

/**
 * Disclosure control over one result table.
 *
 * Primary suppression hides every cell with 0 < units < minCellSize. Complementary suppression
 * then makes sure no hidden value can be recovered by subtraction: along every grouped
 * dimension, the cells that agree on all other dimensions add up to a total that a coarser
 * query returns, so such a set of siblings must never contain exactly one suppressed cell. When
 * it does, the smallest visible sibling is suppressed too, and the pass repeats until stable.
 */
export function applyDisclosureControl<C extends AggregateCell>(
  cells: C[],
  groupedFields: readonly string[],
  minCellSize: number,
): C[] {
  for (const cell of cells) {
    if (cell.units > 0 && cell.units < minCellSize) {
      suppress(cell, `PRIMARY: fewer than ${minCellSize} units in this cell`);
    }
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const field of groupedFields) {
      for (const siblings of siblingSets(cells, groupedFields, field)) {
        const hidden = siblings.filter((cell) => cell.suppressed);
        if (hidden.length !== 1 || siblings.length < 2) continue;
        const candidates = siblings.filter((cell) => !cell.suppressed && cell.units > 0);
        if (candidates.length === 0) continue;
        const smallest = candidates.reduce((a, b) => (b.units < a.units ? b : a));
        suppress(
          smallest,
          'COMPLEMENTARY: hidden so that a suppressed sibling cannot be derived from totals',
        );
        changed = true;
      }
    }
  }
  return cells;
}

function suppress(cell: AggregateCell, reason: string): void {
  cell.suppressed = true;
  cell.suppressionReason = reason;
  for (const key of Object.keys(cell.measures)) cell.measures[key] = null;
}

function siblingSets<C extends AggregateCell>(
  cells: C[],
  groupedFields: readonly string[],
  along: string,
): C[][] {
  const others = groupedFields.filter((f) => f !== along);
  const sets = new Map<string, C[]>();
  for (const cell of cells) {
    const key = JSON.stringify(others.map((f) => cell.dimensions[f]));
    const set = sets.get(key);
    if (set) set.push(cell);
    else sets.set(key, [cell]);
  }
  return [...sets.values()];
}
