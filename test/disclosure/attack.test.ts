import { WORKFORCE } from '../../src/datasets/staffing';
import { Role } from '../../src/shared/auth/principal';
import { attack, type AttackOptions, type AttackResult } from '../support/attack';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

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
