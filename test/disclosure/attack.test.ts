import { ENGAGEMENT } from '../../src/datasets/engagement';
import { WORKFORCE } from '../../src/datasets/staffing';
import { Role } from '../../src/shared/auth/principal';
import { attack, type AttackOptions, type AttackResult, type Cells } from '../support/attack';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';
import { surveyRollupGrouping } from '../support/survey-rollup';

const PARTITIONS = ['GEOGRAPHICAL', 'YPP', 'CONTRACT_TYPE', 'GRADE_CATEGORY', 'AGE_BAND', 'GENDER'];
const GENDER_MEASURES = { GENDER: { FEMALE: 'women', MALE: 'men' } };
const GROUPINGS: Pick<AttackOptions, 'grouping' | 'parents' | 'subPopulations'>[] = [
  {
    grouping: ['ENTITY', 'GENDER'],
    parents: { ENTITY: 'ENTITY_KIND' },
    subPopulations: GENDER_MEASURES,
  },
  { grouping: ['ENTITY', 'GRADE'], parents: { ENTITY: 'ENTITY_KIND' } },
  {
    grouping: ['DUTY_STATION', 'GENDER'],
    parents: { DUTY_STATION: 'DUTY_STATION_COUNTRY' },
    subPopulations: GENDER_MEASURES,
  },
  { grouping: ['ENTITY', 'NATIONALITY'], parents: { ENTITY: 'ENTITY_KIND' } },
];

const SURVEY_PARTITIONS = ['GENDER', 'GRADE_BAND', 'AGE_BAND', 'DISABILITY', 'DUTY_STATION_TYPE'];

/**
 * The acceptance test of disclosure control: on the demo data (`npm start`), an automated
 * differencing attacker recovers no more small cells than a guesser who always says 1.
 */
describe.each(databaseCases())(
  'disclosure > differencing attack on the demo data > %s',
  (_name, database) => {
    let harness: Harness;
    const results: AttackResult[] = [];
    /** The workforce of 2021, attacked within a budget of 12 queries per grouping. */
    const attackWorkforce = (options: Partial<AttackOptions>) =>
      attack({
        harness,
        fact: WORKFORCE,
        unitMeasure: 'headcount',
        period: 2021,
        partitions: PARTITIONS,
        budget: 12,
        grouping: ['ENTITY', 'GENDER'],
        ...options,
      });
    beforeAll(async () => {
      harness = await openHarness(database, { seedScale: 0.1 });
      for (const grouping of GROUPINGS) results.push(await attackWorkforce(grouping));
      process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
    }, 300_000);
    afterAll(() => harness?.close());

    it('finds small cells to attack in every grouping', () => {
      for (const result of results) expect(result.smallCells).toBeGreaterThan(20);
    });

    it('is a real attacker: on exact values its differencing recipes alone recover the small cells', async () => {
      // Without the cell itself: from margins, siblings and partitions only, as it did against
      // the disclosure control this engine replaces, which published exact values.
      for (const grouping of GROUPINGS.slice(0, 2)) {
        const exact = await attackWorkforce({
          principal: { role: Role.HR, entityScope: null },
          skipDirect: true,
          absentIsEmpty: true,
          ...grouping,
        });
        expect(exact.attackerHits / exact.smallCells).toBeGreaterThan(0.95);
      }
    });

    it('the survey: the attacker recovers no more small respondent counts than the guesser, hr data included', async () => {
      // No role gets exact survey cells from the API, so the truth is read from the rollups;
      // which entity is of which kind is reference data.
      const exact = async (groupBy: readonly string[]): Promise<Cells> => {
        const map: Cells = new Map();
        if (groupBy.includes('ENTITY_KIND')) {
          const rows: { code: string; kind: string }[] = await harness.dataSource.query(
            'SELECT code, kind FROM dim_entity',
          );
          for (const row of rows)
            map.set(groupBy.map((d) => (d === 'ENTITY' ? row.code : row.kind)).join('|'), {});
          return map;
        }
        const { mask, columns } = surveyRollupGrouping(harness.dataSource, groupBy);
        const rows: Record<string, unknown>[] = await harness.dataSource.query(
          `SELECT ${columns.join(', ')}, respondents FROM eng_rollup WHERE wave = 2021 AND grouping_set = ?`,
          [mask],
        );
        for (const row of rows)
          map.set(columns.map((c) => String(row[c])).join('|'), {
            respondents: Number(row.respondents),
          });
        return map;
      };
      const survey: AttackResult[] = [];
      for (const [grouping, parents] of [
        [['ENTITY', 'GENDER'], { ENTITY: 'ENTITY_KIND' }],
        [['ENTITY', 'GRADE_BAND'], { ENTITY: 'ENTITY_KIND' }],
        [['ENTITY', 'AGE_BAND'], { ENTITY: 'ENTITY_KIND' }],
      ] as const) {
        for (const principal of [undefined, { role: Role.HR, entityScope: null }]) {
          survey.push(
            await attack({
              harness,
              fact: ENGAGEMENT,
              unitMeasure: 'respondents',
              period: 2021,
              grouping,
              parents,
              partitions: SURVEY_PARTITIONS,
              budget: 12,
              exact,
              principal,
            }),
          );
        }
      }
      process.stdout.write(`${JSON.stringify(survey, null, 1)}\n`);
      for (const result of survey) {
        expect(result.smallCells).toBeGreaterThan(20);
        expect(result.attackerHits).toBeLessThanOrEqual(result.guesserHits);
      }
    });

    it('recovers no more small cells than the guesser who knows only the threshold', () => {
      const total = (key: 'attackerHits' | 'guesserHits' | 'smallCells') =>
        results.reduce((sum, r) => sum + r[key], 0);
      for (const result of results)
        expect(result.attackerHits).toBeLessThanOrEqual(result.guesserHits);
      expect(total('attackerHits')).toBeLessThanOrEqual(total('guesserHits'));
      expect(total('attackerHits') / total('smallCells')).toBeLessThanOrEqual(0.25);
    });
  },
);
