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

const HARDSHIP = 'H, A, B, C, D, E';

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

  it('keeps each nested field to its own arguments: aliases, and variables that change between requests', async () => {
    const nested = `query ($year: Int!) {
      entities(codes: ["DESA", "OCHA", "UNMISS"]) {
        code
        fixed: workforce(year: 2020) { headcount }
        asked: workforce(year: $year) { headcount }
      }
    }`;
    const byEntity = async (year: number) => {
      const result = await harness.execute(
        `{ workforce(year: ${year}, groupBy: [ENTITY]) { entityCode headcount } }`,
      );
      expect(result.errors).toBeUndefined();
      const cells = result.data?.workforce as { entityCode: string; headcount: number }[];
      return Object.fromEntries(cells.map((c) => [c.entityCode, c.headcount]));
    };
    const [y2019, y2020, y2021] = [
      await byEntity(2019),
      await byEntity(2020),
      await byEntity(2021),
    ];
    expect(y2019).not.toEqual(y2021);
    for (const [year, expected] of [
      [2021, y2021],
      [2019, y2019],
    ] as const) {
      const result = await harness.execute(nested, { variables: { year } });
      expect(result.errors).toBeUndefined();
      for (const e of result.data?.entities as {
        code: string;
        fixed: { headcount: number };
        asked: { headcount: number };
      }[]) {
        expect([e.code, e.fixed.headcount, e.asked.headcount]).toEqual([
          e.code,
          y2020[e.code],
          expected[e.code],
        ]);
      }
      // One GROUP BY per aliased field, whatever the number of parents.
      expect(result.statements.filter((sql) => /FROM\s+["`]fact_/i.test(sql))).toHaveLength(2);
    }
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

  it('counts a row list only when totalCount is asked for, and tells the next page from one more row', async () => {
    const hr = { principal: { role: Role.HR, entityScope: null } };
    const page =
      '{ staffRecords(first: 10, filter: { years: [2021] }) { pageInfo { hasNextPage } nodes { staffId } } }';
    const withTotal = page.replace('pageInfo', 'totalCount pageInfo');
    const without = await harness.execute(page, hr);
    const counted = await harness.execute(withTotal, hr);
    const countsIn = (statements: string[]) => statements.filter((sql) => /COUNT\(/i.test(sql));
    expect(countsIn(without.statements)).toHaveLength(0);
    expect(countsIn(counted.statements)).toHaveLength(1);
    expect(without.statements).toHaveLength(counted.statements.length - 1);
    const { totalCount } = counted.data?.staffRecords as { totalCount: number };
    expect((without.data?.staffRecords as { pageInfo: unknown }).pageInfo).toEqual({
      hasNextPage: true,
    });
    // The last page: no next page, known without counting. Paged to 3 rows before the end
    // (pages are at most 500 rows), each page after the previous one's end cursor.
    let after: string | null = null;
    for (const first of [500, totalCount - 503]) {
      const range = await harness.execute(
        `{ staffRecords(first: ${first}, ${after ? `after: "${after}", ` : ''}filter: { years: [2021] }) { pageInfo { endCursor } } }`,
        hr,
      );
      after = (range.data?.staffRecords as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    }
    const last = await harness.execute(
      `{ staffRecords(first: 10, after: "${after}", filter: { years: [2021] }) { pageInfo { hasNextPage } nodes { staffId } } }`,
      hr,
    );
    expect(last.data?.staffRecords).toMatchObject({ pageInfo: { hasNextPage: false } });
    expect((last.data?.staffRecords as { nodes: unknown[] }).nodes).toHaveLength(3);
  });

  it('pages a row list by keyset: after the keys of the cursor row, with no OFFSET to scan past', async () => {
    const hr = { principal: { role: Role.HR, entityScope: null } };
    const page = (after?: string) =>
      harness.execute(
        `{ staffRecords(first: 50, ${after ? `after: "${after}", ` : ''}filter: { years: [2021] }) { pageInfo { hasPreviousPage endCursor } edges { cursor node { staffId year } } } }`,
        hr,
      );
    type Page = {
      pageInfo: { hasPreviousPage: boolean; endCursor: string };
      edges: { cursor: string; node: { staffId: string; year: number } }[];
    };
    const first = (await page()).data?.staffRecords as Page;
    expect(first.pageInfo.hasPreviousPage).toBe(false);
    // A cursor is the row's keys (year, staff id), so it names the row, not its position.
    const [lastEdge] = first.edges.slice(-1);
    expect(JSON.parse(Buffer.from(lastEdge.cursor, 'base64url').toString().slice(7))).toEqual([
      lastEdge.node.year,
      lastEdge.node.staffId,
    ]);
    const second = await page(first.pageInfo.endCursor);
    const rows = second.data?.staffRecords as Page;
    expect(rows.pageInfo.hasPreviousPage).toBe(true);
    expect(rows.edges[0].node.staffId > lastEdge.node.staffId).toBe(true);
    const select = second.statements.find((sql) => /FROM .fact_staff_year./i.test(sql)) ?? '';
    expect(select).not.toMatch(/OFFSET/i);
    expect(select).toMatch(/> \?|> :|>\s*\?/);
    // An offset cursor of the earlier format names no row: refused, not misread.
    const offset = Buffer.from('offset:49').toString('base64url');
    expect((await page(offset)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reads a page of staff records as a range of an index in the list’s order, not a sort of the year’s rows', async () => {
    const result = await harness.execute(
      '{ staffRecords(first: 50, filter: { years: [2021] }) { edges { node { staffId } } } }',
      { principal: { role: Role.HR, entityScope: null } },
    );
    const select = result.statements.find((sql) => /FROM .fact_staff_year./i.test(sql)) ?? '';
    const params = Array.from(select.match(/\?/g) ?? [], () => 2021);
    const plan = JSON.stringify(
      await harness.dataSource.query(
        `${database.name === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${select}`,
        params,
      ),
    );
    expect(plan).toMatch(/ix_staff_year_year_staff/);
    expect(plan).not.toMatch(/TEMP B-TREE|Using filesort/i);
  });

  it('leaves the SQLite planner statistics after a load (ANALYZE), so it picks the right index', async () => {
    if (database.name !== 'sqlite') return; // InnoDB keeps its statistics itself
    const stats = (await harness.dataSource.query(
      "SELECT COUNT(*) AS n FROM sqlite_stat1 WHERE tbl = 'fact_staff_year'",
    )) as { n: number }[];
    expect(stats[0].n).toBeGreaterThan(0);
    const plan = (await harness.dataSource.query(
      "EXPLAIN QUERY PLAN SELECT grade_code, gender, COUNT(*) FROM fact_staff_year f WHERE year = 2021 AND entity_code = 'OCHA' GROUP BY grade_code, gender",
    )) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/ix_staff_year_year_entity/);
  });

  it('filters a year of a date column with a date range its index can serve, not YEAR()', async () => {
    // Scoped to duty stations, which no recruitment summary keeps: the fact table is read.
    const result = await harness.execute(
      `{ recruitment(year: 2019, filter: { hardshipClasses: [${HARDSHIP}] }) { recruitments }
         range: recruitment(filter: { yearFrom: 2018, yearTo: 2019, hardshipClasses: [${HARDSHIP}] }) { recruitments } }`,
      { principal: { role: Role.HR, entityScope: null } },
    );
    expect(result.errors).toBeUndefined();
    const facts = result.statements.filter((sql) => /fact_job_opening/.test(sql));
    expect(facts.length).toBeGreaterThan(0);
    for (const sql of facts.map((text) => text.replace(/[`"]/g, ''))) {
      expect(sql).toMatch(/f\.selected_on >= \? AND f\.selected_on < \?/);
      expect(sql).not.toMatch(/WHERE[^]*(YEAR\(|strftime\()/i);
    }
    // The same figures as grouping by the year (which computes it).
    const grouped = await harness.execute(
      `{ recruitment(groupBy: [YEAR], filter: { years: [2018, 2019], hardshipClasses: [${HARDSHIP}] }) { year recruitments } }`,
      { principal: { role: Role.HR, entityScope: null } },
    );
    const byYear = grouped.data?.recruitment as { year: number; recruitments: number }[];
    const single = (result.data?.recruitment as { recruitments: number }[])[0].recruitments;
    expect(byYear.find((c) => c.year === 2019)?.recruitments).toBe(single);
    expect((result.data?.range as { recruitments: number }[])[0].recruitments).toBe(
      byYear.reduce((sum, c) => sum + c.recruitments, 0),
    );
  });
});
