import { Role } from '../../src/shared/auth/principal';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

const ANALYST = { principal: { role: Role.ANALYST, entityScope: null } };

type Cell = Record<string, unknown>;

describe.each(databaseCases())(
  'staffing > measures selected by the query > %s',
  (_name, database) => {
    let harness: Harness;
    beforeAll(async () => {
      harness = await openHarness(database, {
        seedScale: 0.03,
        seedDatasets: ['dimensions', 'staffing'],
      });
    }, 180_000);
    afterAll(() => harness?.close());

    /** The aggregate statements' selected columns (`c_women`, `m_ageSum`). */
    const inputs = (statements: string[]) =>
      new Set(
        statements
          .filter((sql) => /fact_staff_year/.test(sql))
          .flatMap((sql) => [...sql.matchAll(/AS [`"]?([ckm]_[A-Za-z]+)/g)].map((m) => m[1])),
      );

    /** A document run as an analyst, without errors. */
    const run = async (document: string) => {
      const result = await harness.execute(document, ANALYST);
      expect(result.errors).toBeUndefined();
      return result;
    };

    it('reads and computes only the inputs of the selected measures, with the same values', async () => {
      const few = await run(
        '{ workforce(year: 2021, groupBy: [ENTITY]) { entityCode headcount } }',
      );
      expect(inputs(few.statements)).toEqual(new Set(['c_staff', 'k_staff']));
      const all = await run(
        '{ workforce(year: 2021, groupBy: [ENTITY]) { entityCode headcount womenShare averageAge suppressionReason } }',
      );
      expect(inputs(all.statements)).toEqual(
        new Set([
          ...['staff', 'women', 'men', 'geographical', 'ypp'].flatMap((c) => [`c_${c}`, `k_${c}`]),
          'm_ageSum',
        ]),
      );
      const pick = (cells: Cell[]) =>
        cells.map((c) => ({ entityCode: c.entityCode, headcount: c.headcount }));
      expect(pick(few.data?.workforce as Cell[])).toEqual(pick(all.data?.workforce as Cell[]));
    });

    it('follows fragments, and hides a measure on a small sub-population as when all are computed', async () => {
      const document = `{ workforce(year: 2021, groupBy: [ENTITY, GRADE]) { entityCode gradeCode ...Share } }
      fragment Share on WorkforceCell { ... on WorkforceCell { womenShare } }`;
      const few = await run(document);
      expect(inputs(few.statements)).toEqual(new Set(['c_staff', 'k_staff', 'c_women', 'k_women']));
      const all = await run(
        '{ workforce(year: 2021, groupBy: [ENTITY, GRADE]) { entityCode gradeCode womenShare averageAge suppressionReason } }',
      );
      const pick = (cells: Cell[]) =>
        cells.map((c) => ({
          entityCode: c.entityCode,
          gradeCode: c.gradeCode,
          womenShare: c.womenShare,
        }));
      const cells = few.data?.workforce as Cell[];
      expect(pick(cells)).toEqual(pick(all.data?.workforce as Cell[]));
      // Some shares are hidden (few women or men in the cell), some shown: both paths were taken.
      expect(cells.some((c) => c.womenShare === null)).toBe(true);
      expect(cells.some((c) => typeof c.womenShare === 'number')).toBe(true);
    });

    it('selects per nested field too, one statement for every parent', async () => {
      const result = await run(
        '{ entities { code workforce(year: 2021) { headcount } recruitment(year: 2021) { recruitments } } }',
      );
      expect(inputs(result.statements)).toEqual(new Set(['c_staff', 'k_staff']));
      const recruitment = result.statements.filter((sql) => /fact_job_opening/.test(sql));
      expect(recruitment).toHaveLength(1);
      expect(recruitment[0]).not.toMatch(/m_daysToRecruit|c_roster/);
    });
  },
);
