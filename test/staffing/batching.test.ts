import { databaseCases } from '../support/databases';
import { Role } from '../../src/shared/auth/principal';
import { openHarness, type Harness } from '../support/harness';

const QUERY = `query ($codes: [String!]) {
  entities(codes: $codes) {
    code
    workforce(year: 2021) { headcount womenShare }
    recruitment(year: 2021) { recruitments averageDaysToRecruit }
  }
}`;

describe.each(databaseCases())('staffing > batching > %s', (_name, database) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await openHarness(database, { seedScale: 0.02 });
  });
  afterAll(() => harness?.close());

  it('answers nested aggregates for 5 entities and for all of them with the same SQL statements', async () => {
    const five = await harness.execute(QUERY, {
      variables: { codes: ['DESA', 'DGACM', 'OCHA', 'UNMISS', 'MONUSCO'] },
    });
    const all = await harness.execute(QUERY);
    expect(five.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect((five.data?.entities as unknown[]).length).toBe(5);
    expect((all.data?.entities as unknown[]).length).toBe(86);
    // One query for the entity list, one GROUP BY per nested aggregate field, and the read of
    // the dataset versions the response reports (once per request).
    expect(five.statements).toHaveLength(4);
    expect(five.statements.filter((sql) => /dataset_version/.test(sql))).toHaveLength(1);
    expect(all.statements).toHaveLength(five.statements.length);
    const aggregates = all.statements.filter((sql) => /FROM\s+["`]fact_/i.test(sql));
    expect(aggregates).toHaveLength(2);
    expect(aggregates.every((sql) => /GROUP BY/i.test(sql))).toBe(true);
  });

  it('returns the same figures per entity whether asked for alone or in a list', async () => {
    const all = await harness.execute(QUERY);
    const one = await harness.execute(QUERY, { variables: { codes: ['OCHA'] } });
    const fromAll = (all.data?.entities as { code: string }[]).find((e) => e.code === 'OCHA');
    expect((one.data?.entities as unknown[])[0]).toEqual(fromAll);
  });

  it('links grouped cells to their dimension objects with one lookup per dimension', async () => {
    const result = await harness.execute(
      '{ workforce(year: 2021, groupBy: [ENTITY, NATIONALITY]) { entity { code kind } nationalityState { regionalGroup } headcount } }',
      { principal: { role: Role.HR, entityScope: null } },
    );
    expect(result.errors).toBeUndefined();
    const cells = result.data?.workforce as { entity: { code: string } | null }[];
    expect(cells.length).toBeGreaterThan(50);
    expect(cells.every((c) => c.entity !== null)).toBe(true);
    // The aggregate, then one batched lookup for entities and one for member states (and the versions).
    expect(result.statements).toHaveLength(4);
  });

  it('batches relation lookups under a row list into one query', async () => {
    const result = await harness.execute(
      '{ staffRecords(first: 50, filter: { years: [2021] }) { totalCount nodes { staffId entity { code kind } } } }',
      { principal: { role: Role.HR, entityScope: null } },
    );
    expect(result.errors).toBeUndefined();
    const entityLookups = result.statements.filter((sql) => /FROM\s+[`"]?dim_entity/i.test(sql));
    expect(entityLookups).toHaveLength(1);
  });
});
