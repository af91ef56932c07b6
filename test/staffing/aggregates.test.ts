import pino from 'pino';
import { Role } from '../../src/shared/auth/principal';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

type Cell = Record<string, number | string | boolean | null>;

const HR = { role: Role.HR, entityScope: null };
const ANALYST = { role: Role.ANALYST, entityScope: null };
/** Each perturbed count is off by at most 2. */
const NOISE = 2;

describe.each(databaseCases())('staffing > aggregates > %s', (_name, database) => {
  let harness: Harness;
  const logged: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => logged.push(JSON.parse(line)) },
    );
    harness = await openHarness(database, { seedScale: 0.02, logger });
  });
  afterAll(() => harness?.close());

  const cells = async (query: string, principal?: { role: Role; entityScope: string[] | null }) => {
    const result = await harness.execute(query, { principal });
    expect(result.errors).toBeUndefined();
    return Object.values(result.data ?? {})[0] as Cell[];
  };

  it('returns flat cells with the grouped dimensions and measures; exact totals add up for hr', async () => {
    const query =
      '{ workforce(year: 2021, groupBy: [GRADE_CATEGORY]) { gradeCategory headcount entityCode disclosure } }';
    const totalQuery = '{ workforce(year: 2021) { headcount women men disclosure } }';
    const [total] = await cells(totalQuery, HR);
    const byCategory = await cells(query, HR);
    expect(byCategory.map((c) => c.gradeCategory).sort()).toEqual([
      'FIELD_SERVICE',
      'GENERAL_SERVICE',
      'NATIONAL_PROFESSIONAL_OFFICER',
      'PROFESSIONAL_AND_HIGHER',
    ]);
    expect(byCategory.every((c) => c.entityCode === null && c.disclosure === 'EXACT')).toBe(true);
    expect(byCategory.reduce((sum, c) => sum + Number(c.headcount), 0)).toBe(total.headcount);
    expect(Number(total.women) + Number(total.men)).toBe(total.headcount);
    // The public sees perturbed counts: each within ±2 of the truth, so sums are close, not equal.
    const [publicTotal] = await cells(totalQuery);
    const publicByCategory = await cells(query);
    expect(publicTotal.disclosure).toBe('PERTURBED');
    expect(Math.abs(Number(publicTotal.headcount) - Number(total.headcount))).toBeLessThanOrEqual(
      NOISE,
    );
    publicByCategory.forEach((cell) => {
      const exact = byCategory.find((c) => c.gradeCategory === cell.gradeCategory);
      expect(Math.abs(Number(cell.headcount) - Number(exact?.headcount))).toBeLessThanOrEqual(
        NOISE,
      );
    });
  });

  it('refuses to sum a stock across years, and sums a flow', async () => {
    const stock = await harness.execute(
      '{ workforce(filter: { years: [2020, 2021] }) { headcount } }',
      { principal: ANALYST },
    );
    expect(stock.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(stock.errors?.[0].message).toMatch(/stocks/);
    const perYear = await cells(
      '{ recruitment(filter: { yearFrom: 2019, yearTo: 2021 }, groupBy: [YEAR]) { year recruitments } }',
      HR,
    );
    const [summed] = await cells(
      '{ recruitment(filter: { yearFrom: 2019, yearTo: 2021 }) { recruitments } }',
      HR,
    );
    expect(perYear.map((c) => c.year)).toEqual([2019, 2020, 2021]);
    expect(summed.recruitments).toBe(perYear.reduce((s, c) => s + Number(c.recruitments), 0));
  });

  it('protects the public view: groupings list only cells of 5 or more, sub-population measures under 5 are hidden', async () => {
    const query =
      '{ workforce(year: 2021, groupBy: [ENTITY, GRADE]) { entityCode gradeCode headcount women men womenShare suppressed suppressionReason disclosure } }';
    const visible = await cells(query);
    const exact = await cells(query, HR);
    const small = exact.filter((c) => Number(c.headcount) < 5);
    expect(small.length).toBeGreaterThan(20);
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.length).toBeLessThan(exact.length);
    for (const cell of visible) {
      expect(cell.suppressed).toBe(false);
      expect(Number(cell.headcount)).toBeGreaterThanOrEqual(5);
      // A measure on fewer than 5 women (or men) is hidden, and the cell says which.
      for (const part of ['women', 'men'] as const) {
        if (cell[part] !== null) expect(Number(cell[part])).toBeGreaterThanOrEqual(5);
        else expect(cell.suppressionReason).toMatch(new RegExp(`\\b${part}\\b.*fewer than 5`));
      }
      if (cell.women === null) expect(cell.womenShare).toBeNull();
    }
    // A single cell (here a nested one) below the threshold is suppressed, whether empty or small.
    const tiny = small.find((c) => Number(c.headcount) <= 2);
    const nested = await harness.execute(
      `{ entity(code: "${String(tiny?.entityCode)}") { workforce(year: 2021, filter: { gradeCodes: ["${String(tiny?.gradeCode)}"] }) { headcount suppressed suppressionReason } } }`,
    );
    expect(nested.data?.entity).toEqual({
      workforce: {
        headcount: null,
        suppressed: true,
        suppressionReason:
          'Fewer than 5 units in this cell (or none), or a cell it could be subtracted from differs from it by fewer.',
      },
    });
  });

  it('applies the query-shape rules of the public role, wider ones for analysts', async () => {
    const lists = await harness.execute(
      '{ workforce(year: 2021, filter: { entityCodes: ["DESA", "OCHA"] }) { headcount } }',
    );
    expect(lists.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(lists.errors?.[0].message).toMatch(/one value of ENTITY/);
    const wide = await harness.execute(
      '{ workforce(year: 2021, groupBy: [ENTITY, GRADE, GENDER, AGE_BAND]) { headcount } }',
    );
    expect(wide.errors?.[0].message).toMatch(/at most 3 dimensions/);
    const range = await harness.execute(
      '{ recruitment(filter: { yearFrom: 2019, yearTo: 2021 }) { recruitments } }',
    );
    expect(range.errors?.[0].message).toMatch(/range of YEAR/);
    for (const query of [
      '{ workforce(year: 2021, filter: { entityCodes: ["DESA", "OCHA"] }) { headcount disclosure } }',
      '{ workforce(year: 2021, groupBy: [ENTITY, GRADE, GENDER, AGE_BAND]) { headcount } }',
    ]) {
      const analyst = await harness.execute(query, { principal: ANALYST });
      expect(analyst.errors).toBeUndefined();
    }
    const said = await harness.execute('{ workforce(year: 2021) { headcount } }', {
      principal: ANALYST,
    });
    expect(said.extensions?.disclosure).toEqual({
      role: 'ANALYST',
      aggregates: { workforce: 'PERTURBED' },
    });
    // Analysts are accountable: each of their aggregate queries is logged with who asked; the
    // anonymous public's are not (there is no one to attribute them to).
    expect(logged.filter((l) => l.msg === 'aggregate query')).toContainEqual(
      expect.objectContaining({ role: 'ANALYST', fact: 'workforce', groupBy: [] }),
    );
    expect(logged.some((l) => l.msg === 'aggregate query' && l.role === 'PUBLIC')).toBe(false);
  });

  it('filters on joined dimensions and booleans consistently with grouping', async () => {
    const [total] = await cells('{ workforce(year: 2021) { headcount } }', HR);
    const [geo] = await cells(
      '{ workforce(year: 2021, filter: { geographical: true }) { headcount geographicalStaff } }',
      HR,
    );
    const [nonGeo] = await cells(
      '{ workforce(year: 2021, filter: { geographical: false }) { headcount } }',
      HR,
    );
    expect(geo.headcount).toBe(geo.geographicalStaff);
    expect(Number(geo.headcount) + Number(nonGeo.headcount)).toBe(total.headcount);
    // The same population is the same cell, however asked for: same key, same perturbed value.
    const byKind = await cells(
      '{ workforce(year: 2021, groupBy: [ENTITY_KIND]) { entityKind headcount } }',
    );
    const pko = byKind.find((c) => c.entityKind === 'PEACEKEEPING_OPERATION');
    const [filtered] = await cells(
      '{ workforce(year: 2021, filter: { entityKinds: [PEACEKEEPING_OPERATION] }) { headcount } }',
    );
    expect(filtered.headcount).toBe(pko?.headcount);
    const byGender = await cells(
      '{ workforce(year: 2021, filter: { entityKinds: [PEACEKEEPING_OPERATION] }, groupBy: [GENDER]) { gender headcount } }',
    );
    const [withWomen] = await cells(
      '{ workforce(year: 2021, filter: { entityKinds: [PEACEKEEPING_OPERATION] }) { women } }',
    );
    expect(byGender.find((c) => c.gender === 'FEMALE')?.headcount).toBe(withWomen.women);
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

  it('rounds every derived value to its precision for exact roles too: no float noise goes out', async () => {
    const hr = { role: Role.HR, entityScope: null, subject: 'key:hr' };
    const result = await harness.execute(
      '{ workforce(year: 2021, groupBy: [ENTITY, GRADE_CATEGORY]) { womenShare averageAge } recruitment(groupBy: [YEAR]) { averageDaysToRecruit } }',
      { principal: hr },
    );
    const values = [
      ...(
        result.data?.workforce as { womenShare: number | null; averageAge: number | null }[]
      ).flatMap((c) => [c.womenShare, c.averageAge]),
      ...(result.data?.recruitment as { averageDaysToRecruit: number | null }[]).map(
        (c) => c.averageDaysToRecruit,
      ),
    ].filter((v): v is number => v !== null);
    expect(values.length).toBeGreaterThan(20);
    // One decimal at most: 50.7, not 50.68493150684932.
    expect(values.filter((v) => String(v).split('.')[1]?.length > 1)).toEqual([]);
  });

  it('serves row lists as capped Relay connections, by role', async () => {
    const hr = { role: Role.HR, entityScope: null };
    // No credential: 401 UNAUTHENTICATED; an analyst's: 403 FORBIDDEN.
    const anonymous = await harness.execute('{ staffRecords(first: 5) { totalCount } }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forbidden = await harness.execute('{ staffRecords(first: 5) { totalCount } }', {
      principal: { role: Role.ANALYST, entityScope: null, subject: 'key:analyst' },
    });
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
    const query =
      '{ jobOpenings(first: 3) { totalCount nodes { jobOpeningId postedOn selectedOn entity { code } } } }';
    // Job openings carry the selected candidate's gender: rows are for hr, analysts get aggregates.
    const analyst = await harness.execute(query, { principal: ANALYST });
    expect(analyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const rows = await harness.execute(query, { principal: hr });
    expect(rows.errors).toBeUndefined();
    expect((rows.data?.jobOpenings as { nodes: { postedOn: string }[] }).nodes[0].postedOn).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
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
