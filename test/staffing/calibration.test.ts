import { testDatabases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

/**
 * The acceptance check of the foundation: at scale 1 the hub, queried like any client, gives the
 * report's figures (A/77/590/Add.1 paras 6 and 21).
 */
describe.each(testDatabases().map((db) => [db.name, db] as const))(
  'staffing > calibration at scale 1 > %s',
  (_name, database) => {
    let harness: Harness;
    beforeAll(async () => {
      harness = await openHarness(database, { seedScale: 1 });
    }, 300_000);
    afterAll(() => harness?.close());

    it("gives women's share of P+ and FS staff as published", async () => {
      const result = await harness.execute(`{
      workforce(groupBy: [YEAR], filter: { gradeCategories: [PROFESSIONAL_AND_HIGHER, FIELD_SERVICE] }) {
        year headcount womenShare
      }
    }`);
      expect(result.errors).toBeUndefined();
      const byYear = new Map(
        (result.data?.workforce as { year: number; womenShare: number }[]).map((c) => [
          c.year,
          c.womenShare,
        ]),
      );
      expect(byYear.get(2021)).toBeCloseTo(42.2, 0);
      expect(Math.abs((byYear.get(2021) ?? 0) - 42.2)).toBeLessThanOrEqual(0.3);
      expect(Math.abs((byYear.get(2020) ?? 0) - 40.9)).toBeLessThanOrEqual(0.3);
      expect(Math.abs((byYear.get(2016) ?? 0) - 35.0)).toBeLessThanOrEqual(0.3);
    });

    it('gives average time to recruit as published', async () => {
      const result = await harness.execute(
        '{ recruitment(groupBy: [YEAR]) { year recruitments averageDaysToRecruit } }',
      );
      const byYear = new Map(
        (result.data?.recruitment as { year: number; averageDaysToRecruit: number }[]).map((c) => [
          c.year,
          c.averageDaysToRecruit,
        ]),
      );
      for (const [year, days] of [
        [2017, 159],
        [2019, 134],
        [2020, 158],
        [2021, 182],
      ] as const) {
        expect(Math.abs((byYear.get(year) ?? 0) - days)).toBeLessThanOrEqual(2);
      }
    });

    it('has about 36,000 staff a year, 2016-2022', async () => {
      const result = await harness.execute('{ workforce(groupBy: [YEAR]) { year headcount } }');
      const cells = result.data?.workforce as { year: number; headcount: number }[];
      expect(cells.map((c) => c.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022]);
      for (const cell of cells) expect(cell.headcount).toBe(36_000);
    });
  },
);
