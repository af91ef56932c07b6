import { Role } from '../../src/shared/auth/principal';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

type Cell = Record<string, number | string | boolean | null>;

describe.each(databaseCases())('staffing > aggregates > %s', (_name, database) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await openHarness(database, { seedScale: 0.02 });
  });
  afterAll(() => harness?.close());

  const cells = async (query: string, principal?: { role: Role; entityScope: string[] | null }) => {
    const result = await harness.execute(query, { principal });
    expect(result.errors).toBeUndefined();
    return Object.values(result.data ?? {})[0] as Cell[];
  };

  it('returns flat cells with the grouped dimensions and measures; totals add up', async () => {
    const [total] = await cells('{ workforce(year: 2021) { headcount women men } }');
    const byCategory = await cells(
      '{ workforce(year: 2021, groupBy: [GRADE_CATEGORY]) { gradeCategory headcount entityCode } }',
    );
    expect(byCategory.map((c) => c.gradeCategory).sort()).toEqual([
      'FIELD_SERVICE',
      'GENERAL_SERVICE',
      'NATIONAL_PROFESSIONAL_OFFICER',
      'PROFESSIONAL_AND_HIGHER',
    ]);
    expect(byCategory.every((c) => c.entityCode === null)).toBe(true);
    expect(byCategory.reduce((sum, c) => sum + Number(c.headcount), 0)).toBe(total.headcount);
    expect(Number(total.women) + Number(total.men)).toBe(total.headcount);
  });

  it('refuses to sum a stock across years, and sums a flow', async () => {
    const stock = await harness.execute(
      '{ workforce(filter: { years: [2020, 2021] }) { headcount } }',
    );
    expect(stock.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(stock.errors?.[0].message).toMatch(/stocks/);
    const perYear = await cells(
      '{ recruitment(filter: { yearFrom: 2019, yearTo: 2021 }, groupBy: [YEAR]) { year recruitments } }',
    );
    const [summed] = await cells(
      '{ recruitment(filter: { yearFrom: 2019, yearTo: 2021 }) { recruitments } }',
    );
    expect(perYear.map((c) => c.year)).toEqual([2019, 2020, 2021]);
    expect(summed.recruitments).toBe(perYear.reduce((s, c) => s + Number(c.recruitments), 0));
  });

  it('suppresses small cells with complementary suppression, and says why', async () => {
    const result = await cells(
      '{ workforce(year: 2021, groupBy: [ENTITY, GENDER]) { entityCode gender headcount women suppressed suppressionReason } }',
    );
    const suppressed = result.filter((c) => c.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const c of suppressed) {
      expect(c.headcount).toBeNull();
      expect(c.women).toBeNull();
      expect(c.suppressionReason).toMatch(/^(PRIMARY|COMPLEMENTARY)/);
    }
    for (const c of result.filter((x) => !x.suppressed))
      expect(Number(c.headcount)).toBeGreaterThanOrEqual(5);
    // Per entity, never exactly one of the two gender cells hidden.
    const byEntity = new Map<unknown, Cell[]>();
    for (const c of result) byEntity.set(c.entityCode, [...(byEntity.get(c.entityCode) ?? []), c]);
    for (const siblings of byEntity.values()) {
      if (siblings.length === 2) expect(siblings.filter((c) => c.suppressed).length).not.toBe(1);
    }
  });

  it('filters on joined dimensions and booleans consistently with grouping', async () => {
    const [total] = await cells('{ workforce(year: 2021) { headcount } }');
    const [geo] = await cells(
      '{ workforce(year: 2021, filter: { geographical: true }) { headcount geographicalStaff } }',
    );
    const [nonGeo] = await cells(
      '{ workforce(year: 2021, filter: { geographical: false }) { headcount } }',
    );
    expect(geo.headcount).toBe(geo.geographicalStaff);
    expect(Number(geo.headcount) + Number(nonGeo.headcount)).toBe(total.headcount);
    const byKind = await cells(
      '{ workforce(year: 2021, groupBy: [ENTITY_KIND]) { entityKind headcount } }',
    );
    const pko = byKind.find((c) => c.entityKind === 'PEACEKEEPING_OPERATION');
    const [filtered] = await cells(
      '{ workforce(year: 2021, filter: { entityKinds: [PEACEKEEPING_OPERATION] }) { headcount } }',
    );
    expect(filtered.headcount).toBe(pko?.headcount);
  });

  it('limits a scoped token to its entities, in aggregates and in nested fields', async () => {
    const scope = { role: Role.ANALYST, entityScope: ['DESA'] };
    const byEntity = await cells(
      '{ workforce(year: 2021, groupBy: [ENTITY]) { entityCode headcount } }',
      scope,
    );
    expect(byEntity.map((c) => c.entityCode)).toEqual(['DESA']);
    const nested = await harness.execute(
      '{ entities(codes: ["DESA", "OCHA"]) { code workforce(year: 2021) { headcount } } }',
      { principal: scope },
    );
    const rows = nested.data?.entities as {
      code: string;
      workforce: { headcount: number } | null;
    }[];
    // Out of scope is a FORBIDDEN null with its reason, never a made-up 0.
    expect(rows.find((r) => r.code === 'OCHA')?.workforce).toBeNull();
    expect(nested.errors).toHaveLength(1);
    expect(nested.errors?.[0]).toMatchObject({
      path: ['entities', 1, 'workforce'],
      extensions: { code: 'FORBIDDEN' },
    });
    expect(nested.errors?.[0].message).toMatch(/OCHA is outside this token's scope \(DESA\)/);
    expect(rows.find((r) => r.code === 'DESA')?.workforce?.headcount).toBeGreaterThan(0);
    // Filtering a root aggregate on an entity outside the scope is refused too.
    const filtered = await harness.execute(
      '{ workforce(year: 2021, filter: { entityCodes: ["OCHA"] }) { headcount } }',
      { principal: scope },
    );
    expect(filtered.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(filtered.data).toBeNull();
  });

  it('serves row lists as capped Relay connections, by role', async () => {
    const hr = { role: Role.HR, entityScope: null };
    const forbidden = await harness.execute('{ staffRecords(first: 5) { totalCount } }');
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const page1 = await harness.execute(
      '{ staffRecords(first: 5, filter: { years: [2021] }) { totalCount pageInfo { hasNextPage endCursor } nodes { staffId year } } }',
      { principal: hr },
    );
    const conn = page1.data?.staffRecords as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      nodes: { staffId: string }[];
    };
    expect(conn.nodes).toHaveLength(5);
    expect(conn.totalCount).toBe(720);
    expect(conn.pageInfo.hasNextPage).toBe(true);
    const page2 = await harness.execute(
      `{ staffRecords(first: 5, after: "${conn.pageInfo.endCursor}", filter: { years: [2021] }) { nodes { staffId } } }`,
      { principal: hr },
    );
    const ids2 = (page2.data?.staffRecords as { nodes: { staffId: string }[] }).nodes.map(
      (n) => n.staffId,
    );
    expect(ids2).toHaveLength(5);
    expect(ids2.some((id) => conn.nodes.some((n) => n.staffId === id))).toBe(false);
    const tooMany = await harness.execute('{ staffRecords(first: 100000) { totalCount } }', {
      principal: hr,
    });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await harness.execute(
      '{ staffRecords(first: 5, after: "garbage") { totalCount } }',
      { principal: hr },
    );
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const analyst = await harness.execute(
      '{ jobOpenings(first: 3) { totalCount nodes { jobOpeningId postedOn selectedOn entity { code } } } }',
      { principal: { role: Role.ANALYST, entityScope: null } },
    );
    expect(analyst.errors).toBeUndefined();
    expect(
      (analyst.data?.jobOpenings as { nodes: { postedOn: string }[] }).nodes[0].postedOn,
    ).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('answers NOT_FOUND for an unknown code and links dimensions', async () => {
    const missing = await harness.execute('{ entity(code: "NOPE") { code } }');
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const station = await harness.execute(
      '{ dutyStation(code: "JUBA") { name hardshipClass family memberState { name regionalGroup } } }',
    );
    expect(station.data?.dutyStation).toEqual({
      name: 'Juba',
      hardshipClass: 'D',
      family: false,
      memberState: { name: 'South Sudan', regionalGroup: 'African Group' },
    });
    const states = await harness.execute('{ memberStates { iso3 } }');
    expect((states.data?.memberStates as unknown[]).length).toBe(193);
  });
});
