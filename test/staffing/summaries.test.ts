import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECRUITMENT } from '../../src/datasets/staffing/recruitment.fact';
import { WORKFORCE } from '../../src/datasets/staffing/workforce.fact';
import { dialectOf } from '../../src/db/dialect';
import { measureSql } from '../../src/db/sql-statement-counter';
import {
  Disclosure,
  type AggregateQuery,
  type FactDefinition,
} from '../../src/shared/facts/aggregate.definition';
import { runAggregate } from '../../src/shared/aggregation/aggregate-query';
import { prepareSummaries, summaryTables } from '../../src/shared/aggregation/summaries';
import { Role } from '../../src/shared/auth/principal';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

/** The same fact read from its table only: what every summary answer must equal. */
const withoutSummaries = <D extends string, M extends string>(
  fact: FactDefinition<D, M>,
): FactDefinition<D, M> => ({ ...fact, preAggregations: undefined });

const year = (y: number) => ({ dimension: 'YEAR', op: 'in' as const, values: [y] });

/** Requests the summaries should answer, with the table each must read. */
const CASES: { name: string; fact: FactDefinition; query: Omit<AggregateQuery, 'disclosure'> }[] = [
  {
    name: 'workforce by entity and year',
    fact: WORKFORCE,
    query: { groupBy: ['ENTITY', 'YEAR'], where: [], entityScope: null },
  },
  {
    name: 'workforce by grade category and gender (joined on the grade), one year',
    fact: WORKFORCE,
    query: { groupBy: ['GRADE_CATEGORY', 'GENDER'], where: [year(2021)], entityScope: null },
  },
  {
    name: 'workforce by contract type, some entity kinds, scoped to two entities',
    fact: WORKFORCE,
    query: {
      groupBy: ['CONTRACT_TYPE', 'GEOGRAPHICAL'],
      where: [year(2020), { dimension: 'ENTITY_KIND', op: 'in', values: ['DEPARTMENT'] }],
      entityScope: ['DESA', 'DMSPC'],
    },
  },
  {
    name: 'workforce by hardship class (joined on the duty station), years from 2019',
    fact: WORKFORCE,
    query: {
      groupBy: ['HARDSHIP_CLASS', 'YEAR'],
      where: [{ dimension: 'YEAR', op: 'gte', values: [2019] }],
      entityScope: null,
    },
  },
  {
    name: 'recruitment by year of selection (an expression) and entity',
    fact: RECRUITMENT,
    query: { groupBy: ['YEAR', 'ENTITY'], where: [], entityScope: null },
  },
  {
    name: 'recruitment by selected gender and roster, a range of years',
    fact: RECRUITMENT,
    query: {
      groupBy: ['SELECTED_GENDER', 'ROSTER_BASED'],
      where: [
        { dimension: 'YEAR', op: 'gte', values: [2018] },
        { dimension: 'YEAR', op: 'lte', values: [2020] },
      ],
      entityScope: null,
    },
  },
];

describe.each(databaseCases())('staffing > summary tables > %s', (_name, database) => {
  let harness: Harness;
  let dir: string;
  beforeAll(async () => {
    harness = await openHarness(database, {
      seedScale: 0.03,
      seedDatasets: ['dimensions', 'staffing'],
    });
    dir = await mkdtemp(join(tmpdir(), 'rg-summaries-'));
  }, 180_000);
  afterAll(() => harness?.close());

  const summaryRead = (statements: string[]) =>
    statements.filter((sql) => /__s\d+_[0-9a-f]{10}/.test(sql));

  it.each(CASES)('answers $name from a summary, exactly as from the fact table', async (c) => {
    for (const disclosure of [Disclosure.EXACT, Disclosure.PERTURBED]) {
      const query = { ...c.query, disclosure };
      const fromSummary = await measureSql(() => runAggregate(harness.dataSource, c.fact, query));
      expect(summaryRead(fromSummary.statements)).toHaveLength(1);
      expect(fromSummary.statements.join('\n')).not.toMatch(
        new RegExp(`FROM .?${c.fact.table}.? `),
      );
      const fromFact = await measureSql(() =>
        runAggregate(harness.dataSource, withoutSummaries(c.fact), query),
      );
      expect(summaryRead(fromFact.statements)).toHaveLength(0);
      // (Protected, a scale-0.03 table may show nothing: equal all the same.)
      if (disclosure === Disclosure.EXACT) expect(fromSummary.result.length).toBeGreaterThan(0);
      expect(fromSummary.result).toEqual(fromFact.result);
    }
  });

  it('reads the fact table when no summary has what a request needs (nationality, age band)', async () => {
    for (const groupBy of [['NATIONALITY'], ['AGE_BAND'], ['ENTITY', 'DUTY_STATION', 'GENDER']]) {
      const { statements } = await measureSql(() =>
        runAggregate(harness.dataSource, WORKFORCE, {
          groupBy,
          where: [year(2021)],
          entityScope: null,
          disclosure: Disclosure.EXACT,
        }),
      );
      expect(summaryRead(statements)).toHaveLength(0);
    }
  });

  it('answers the graph from the smallest summary that covers the request', async () => {
    const result = await harness.execute(
      '{ workforce(groupBy: [ENTITY, YEAR]) { entityCode year headcount } }',
      { principal: { role: Role.HR, entityScope: null } },
    );
    expect(result.errors).toBeUndefined();
    const [first] = summaryTables(WORKFORCE, dialectOf(harness.dataSource));
    expect(result.statements.some((sql) => sql.includes(first.table))).toBe(true);
  });

  it('rebuilds the summaries in the load that changes the fact, and keeps them when a load fails', async () => {
    const headcount = async () => {
      const result = await harness.execute(
        '{ workforce(year: 2021, groupBy: [ENTITY]) { entityCode headcount } }',
        {
          principal: { role: Role.HR, entityScope: null },
        },
      );
      expect(result.errors).toBeUndefined();
      return result.data?.workforce as { entityCode: string; headcount: number }[];
    };
    const header =
      'staff_id,year,entity_code,duty_station_code,grade_code,gender,nationality_iso3,birth_year,contract_type,geographical,ypp';
    const file = join(dir, 'staff.csv');
    await writeFile(
      file,
      [
        header,
        'R0000001,2021,DESA,NEW_YORK,P-4,F,KEN,1980,FIXED_TERM,true,false',
        'R0000002,2021,DESA,NEW_YORK,G-5,M,CHE,1975,CONTINUING,false,false',
        'R0000003,2021,OCHA,GENEVA,FS-5,F,UGA,1985,FIXED_TERM,false,false',
      ].join('\n') + '\n',
    );
    await harness.importFile('staff-years', file, { replace: true });
    expect(await headcount()).toEqual([
      { entityCode: 'DESA', headcount: 2 },
      { entityCode: 'OCHA', headcount: 1 },
    ]);
    // A file with a bad row is refused whole: the summaries still say what the table holds.
    const bad = join(dir, 'bad.csv');
    await writeFile(
      bad,
      [
        header,
        'R0000004,2021,DESA,NEW_YORK,P-4,F,KEN,1980,FIXED_TERM,true,false',
        'R0000005,2021,DESA,NEW_YORK,P-9,X,KEN,19x,FIXED_TERM,maybe,false',
      ].join('\n') + '\n',
    );
    await expect(harness.importFile('staff-years', bad)).rejects.toThrow();
    expect(await headcount()).toEqual([
      { entityCode: 'DESA', headcount: 2 },
      { entityCode: 'OCHA', headcount: 1 },
    ]);
  });

  it('replaces the table of a changed declaration and drops the old one', async () => {
    const changed: FactDefinition = {
      ...WORKFORCE,
      preAggregations: { summaries: [['YEAR', 'GENDER']] },
    };
    const before = summaryTables(WORKFORCE, dialectOf(harness.dataSource)).map((s) => s.table);
    const [next] = summaryTables(changed, dialectOf(harness.dataSource));
    expect(before).not.toContain(next.table);
    await prepareSummaries(harness.dataSource, [changed]);
    const tables = (await harness.dataSource.query(
      database.name === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'fact_staff_year__s%'"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'fact_staff_year__s%'",
    )) as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual([next.table]);
    const query: AggregateQuery = {
      groupBy: ['GENDER'],
      where: [year(2021)],
      entityScope: null,
      disclosure: Disclosure.EXACT,
    };
    const fromSummary = await measureSql(() => runAggregate(harness.dataSource, changed, query));
    expect(summaryRead(fromSummary.statements)).toHaveLength(1);
    expect(fromSummary.result).toEqual(
      await runAggregate(harness.dataSource, withoutSummaries(changed), query),
    );
    // The declared summaries again, as the rest of the suite's files expect.
    await prepareSummaries(harness.dataSource, harness.catalog.facts);
  });
});
