import { Role } from '../../src/shared/auth/principal';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

/**
 * The request metrics count SQL statements through the data facade, explicitly (no
 * AsyncLocalStorage in the server: on Node 20 it slows every promise). Every path a request can
 * read by must be counted: the facade's count equals what TypeORM and the read pool ran.
 */
describe.each(databaseCases())('server > per-request SQL count > %s', (_name, database) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await openHarness(database, {
      seedScale: 0.02,
      seedDatasets: ['dimensions', 'staffing'],
    });
  }, 180_000);
  afterAll(() => harness?.close());

  it.each([
    ['a lookup by key', '{ entity(code: "OCHA") { code name kind } }'],
    [
      'nested aggregates under a list',
      '{ entities { code workforce(year: 2021) { headcount } recruitment(year: 2021) { recruitments } } }',
    ],
    [
      'an aggregate with cell links',
      '{ workforce(year: 2021, groupBy: [ENTITY, GRADE]) { headcount entity { name } grade { code } } }',
    ],
    [
      'a page of rows with its count',
      '{ staffRecords(first: 10, filter: { years: [2021] }) { totalCount edges { node { staffId } } } }',
    ],
    ['dataset versions and loads', '{ datasets { name version source } }'],
  ])('counts every statement of %s', async (_what, query) => {
    const result = await harness.execute(query, {
      principal: { role: Role.HR, entityScope: null },
    });
    expect(result.errors).toBeUndefined();
    expect(result.statements.length).toBeGreaterThan(0);
    expect(result.counted).toHaveLength(result.statements.length);
  });
});
