import type { AggregateCell } from '../../src/shared/aggregation/aggregate.definition';
import { applyDisclosureControl } from '../../src/shared/aggregation/disclosure-control';

const cell = (entity: string, gender: string, units: number): AggregateCell => ({
  dimensions: { entity, gender },
  measures: { headcount: units },
  units,
  suppressed: false,
  suppressionReason: null,
});

const hidden = (cells: AggregateCell[]) =>
  cells.filter((c) => c.suppressed).map((c) => `${c.dimensions.entity}/${c.dimensions.gender}`);

describe('aggregation > disclosure control', () => {
  it('suppresses cells below the minimum size and nulls their measures', () => {
    const cells = applyDisclosureControl(
      [cell('A', 'F', 3), cell('A', 'M', 9), cell('B', 'F', 10)],
      ['entity'],
      5,
    );
    expect(cells[0]).toMatchObject({ suppressed: true, measures: { headcount: null } });
    expect(cells[0].suppressionReason).toMatch(/^PRIMARY/);
  });

  it('never leaves a suppressed cell the only hidden one among its siblings', () => {
    // Grouped by entity and gender: A/F is small. Its sibling along gender (A/M) and along entity
    // (B/F) would give it away from the totals, so complementary cells are hidden too.
    const cells = applyDisclosureControl(
      [
        cell('A', 'F', 2),
        cell('A', 'M', 20),
        cell('B', 'F', 15),
        cell('B', 'M', 30),
        cell('C', 'F', 40),
        cell('C', 'M', 50),
      ],
      ['entity', 'gender'],
      5,
    );
    const gone = hidden(cells);
    expect(gone).toContain('A/F');
    for (const along of ['entity', 'gender'] as const) {
      const other = along === 'entity' ? 'gender' : 'entity';
      const sets = new Map<unknown, AggregateCell[]>();
      for (const c of cells)
        sets.set(c.dimensions[other], [...(sets.get(c.dimensions[other]) ?? []), c]);
      for (const siblings of sets.values())
        expect(siblings.filter((c) => c.suppressed).length).not.toBe(1);
    }
    // The smallest visible sibling is the one chosen: B/F (15) along entity, A/M (20) along gender.
    expect(gone.sort()).toEqual(['A/F', 'A/M', 'B/F', 'B/M']);
  });

  it('leaves a table with nothing small untouched, and empty cells visible', () => {
    const cells = applyDisclosureControl([cell('A', 'F', 0), cell('A', 'M', 9)], ['gender'], 5);
    expect(hidden(cells)).toEqual([]);
  });
});
