import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role, type Principal } from '../../src/shared/auth/principal';
import { ImportRejectedError } from '../../src/shared/import/import-pipeline';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

const CONDUCT: Principal = { role: Role.CONDUCT, entityScope: null };
const HR: Principal = { role: Role.HR, entityScope: null };
const ANALYST: Principal = { role: Role.ANALYST, entityScope: null };

interface YearCell {
  year: number;
  received: number;
  closed: number;
  medianDaysToClose: number | null;
  disclosure: string;
}

describe.each(databaseCases())('conduct and discipline > %s', (_name, database) => {
  let harness: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rg-conduct-'));
    harness = await openHarness(database, {
      seedScale: 0.2,
      seedDatasets: ['dimensions', 'conduct'],
    });
  }, 180_000);
  afterAll(async () => {
    await harness?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const byYear = async (principal?: Principal) => {
    const result = await harness.execute(
      '{ conduct(groupBy: [YEAR]) { year received closed medianDaysToClose disclosure } }',
      { principal },
    );
    expect(result.errors).toBeUndefined();
    return result.data?.conduct as YearCell[];
  };

  /** The true counts per year received, straight from the table. */
  const truth = async () => {
    const rows: { y: string | number; n: string | number; c: string | number }[] =
      await harness.dataSource.query(
        "SELECT substr(received_on, 1, 4) AS y, COUNT(*) AS n, SUM(CASE WHEN status = 'CLOSED' THEN 1 ELSE 0 END) AS c FROM cond_case GROUP BY substr(received_on, 1, 4) ORDER BY 1",
      );
    return rows.map((r) => ({ year: Number(r.y), received: Number(r.n), closed: Number(r.c) }));
  };

  it('gives exact values to the conduct role only; hr and analysts see them perturbed', async () => {
    const exact = await byYear(CONDUCT);
    expect(exact.map(({ year, received, closed }) => ({ year, received, closed }))).toEqual(
      await truth(),
    );
    expect(new Set(exact.map((c) => c.disclosure))).toEqual(new Set(['EXACT']));
    for (const principal of [HR, ANALYST, undefined]) {
      const cells = await byYear(principal);
      expect(new Set(cells.map((c) => c.disclosure))).toEqual(new Set(['PERTURBED']));
      // Perturbed by at most 2, and not everywhere equal to the truth.
      cells.forEach((cell, i) =>
        expect(Math.abs(cell.received - exact[i].received)).toBeLessThanOrEqual(2),
      );
    }
    const perturbed = await byYear(HR);
    expect(perturbed.some((cell, i) => cell.received !== exact[i].received)).toBe(true);
  });

  it('computes the median days to close within a week of the true median (weekly bins)', async () => {
    const days: { y: string | number; d: string | number }[] = await harness.dataSource.query(
      `SELECT substr(received_on, 1, 4) AS y, ${
        database.name === 'sqlite'
          ? 'julianday(closed_on) - julianday(received_on)'
          : 'DATEDIFF(closed_on, received_on)'
      } AS d FROM cond_case WHERE status = 'CLOSED'`,
    );
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    };
    for (const cell of await byYear(CONDUCT)) {
      const values = days.filter((r) => Number(r.y) === cell.year).map((r) => Number(r.d));
      expect(cell.medianDaysToClose).not.toBeNull();
      expect(Math.abs((cell.medianDaysToClose ?? 0) - median(values))).toBeLessThanOrEqual(7);
    }
  });

  it('serves case rows to the conduct role only, with their measures batched in one statement', async () => {
    const query =
      '{ conductCases(first: 50, filter: { years: [2021] }) { totalCount nodes { caseId status entity { code } measures { measureType imposedOn } } } }';
    for (const principal of [HR, ANALYST, undefined]) {
      const refused = await harness.execute(query, { principal });
      // Without a credential: present one (401); with another role's: forbidden (403).
      expect(refused.errors?.[0].extensions?.code).toBe(
        principal ? 'FORBIDDEN' : 'UNAUTHENTICATED',
      );
      expect(refused.data).toBeNull();
    }
    const result = await harness.execute(query, { principal: CONDUCT });
    expect(result.errors).toBeUndefined();
    const page = result.data?.conductCases as {
      totalCount: number;
      nodes: { caseId: string; measures: { measureType: string }[] }[];
    };
    expect(page.totalCount).toBe((await truth()).find((t) => t.year === 2021)?.received);
    expect(page.nodes.some((n) => n.measures.length > 0)).toBe(true);
    expect(result.statements.filter((sql) => /cond_measure/i.test(sql))).toHaveLength(1);
  });

  it('limits a scoped conduct token to its entities: rows, aggregates and nested fields', async () => {
    const [{ entity_code: mine }, { entity_code: other }]: { entity_code: string }[] =
      await harness.dataSource.query(
        'SELECT entity_code FROM cond_case GROUP BY entity_code ORDER BY COUNT(*) DESC LIMIT 2',
      );
    const scoped: Principal = { role: Role.CONDUCT, entityScope: [mine] };
    const rows = await harness.execute(
      '{ conductCases(first: 200) { totalCount nodes { entityCode } } }',
      { principal: scoped },
    );
    const page = rows.data?.conductCases as { totalCount: number; nodes: { entityCode: string }[] };
    expect(new Set(page.nodes.map((n) => n.entityCode))).toEqual(new Set([mine]));
    const cells = await harness.execute(
      '{ disciplinaryMeasures(groupBy: [ENTITY]) { entityCode measures } }',
      { principal: scoped },
    );
    expect(
      (cells.data?.disciplinaryMeasures as { entityCode: string }[]).map((c) => c.entityCode),
    ).toEqual([mine]);
    const nested = await harness.execute(
      `{ entities(codes: ["${mine}", "${other}"]) { code conduct { received } } }`,
      { principal: scoped },
    );
    expect(nested.errors).toHaveLength(1);
    expect(nested.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const entities = nested.data?.entities as { code: string; conduct: unknown }[];
    expect(entities.find((e) => e.code === other)?.conduct).toBeNull();
    expect(entities.find((e) => e.code === mine)?.conduct).not.toBeNull();
  });

  it('costs the same SQL statements for Entity.conduct of 5 entities as of all of them', async () => {
    const codes: { code: string }[] = await harness.dataSource.query(
      'SELECT code FROM dim_entity ORDER BY code',
    );
    const query = (list: string[]) =>
      `{ entities(codes: ${JSON.stringify(list)}) { code conduct(year: 2021) { received closed } disciplinaryMeasures(year: 2021) { measures } } }`;
    const five = await harness.execute(query(codes.slice(0, 5).map((c) => c.code)), {
      principal: CONDUCT,
    });
    const all = await harness.execute(query(codes.map((c) => c.code)), { principal: CONDUCT });
    expect(five.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect(all.statements).toHaveLength(five.statements.length);
    expect(all.statements.filter((sql) => /cond_case/i.test(sql))).toHaveLength(1);
    expect(all.statements.filter((sql) => /cond_measure/i.test(sql))).toHaveLength(1);
  });

  it('rejects a measure of an unknown case and a closed case without a date; refuses to replace cases that measures refer to; nothing stored is lost', async () => {
    const before = await harness.dataSource.query(
      'SELECT (SELECT COUNT(*) FROM cond_case) AS cases, (SELECT COUNT(*) FROM cond_measure) AS measures',
    );
    const cases = join(dir, 'cases.csv');
    await writeFile(
      cases,
      [
        'case_id,entity_code,received_on,closed_on,category,status,outcome,referral_source',
        'C2099-0001,OCHA,2022-03-01,,FRAUD_AND_FINANCIAL,CLOSED,NO_FURTHER_ACTION,OIOS',
        'C2099-0002,OCHA,2022-03-01,2022-02-01,FRAUD_AND_FINANCIAL,CLOSED,NO_FURTHER_ACTION,OIOS',
        '',
      ].join('\n'),
    );
    const rejectedCases = (await harness
      .importFile('conduct-cases', cases, { replace: true })
      .catch((e: unknown) => e)) as ImportRejectedError;
    expect(rejectedCases).toBeInstanceOf(ImportRejectedError);
    expect(rejectedCases.summary.issues.map((i) => [i.line, i.column])).toEqual([
      [2, 'closed_on'],
      [3, 'closed_on'],
    ]);
    const measures = join(dir, 'measures.csv');
    await writeFile(
      measures,
      [
        'measure_id,case_id,entity_code,imposed_on,measure_type',
        'M-X-1,C1999-0001,OCHA,2022-03-01,FINE',
        '',
      ].join('\n'),
    );
    const rejectedMeasures = (await harness
      .importFile('disciplinary-measures', measures, { replace: true })
      .catch((e: unknown) => e)) as ImportRejectedError;
    expect(rejectedMeasures).toBeInstanceOf(ImportRejectedError);
    expect(rejectedMeasures.summary.issues).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'case_id',
        message: expect.stringMatching(/C1999-0001/),
      }),
    ]);
    expect(
      await harness.dataSource.query(
        'SELECT (SELECT COUNT(*) FROM cond_case) AS cases, (SELECT COUNT(*) FROM cond_measure) AS measures',
      ),
    ).toEqual(before);

    // A valid file of cases that drops cases measures refer to (a foreign key): replacing would
    // orphan those measures, so the load is refused whole, naming the table.
    const [{ measures: referring }] = before as { measures: number | string }[];
    const fewer = join(dir, 'fewer-cases.csv');
    await writeFile(
      fewer,
      [
        'case_id,entity_code,received_on,closed_on,category,status,outcome,referral_source',
        'C2099-0003,OCHA,2022-03-01,,FRAUD_AND_FINANCIAL,OPEN,,OIOS',
        '',
      ].join('\n'),
    );
    await expect(harness.importFile('conduct-cases', fewer, { replace: true })).rejects.toThrow(
      `conduct-cases: ${Number(referring)} row(s) of cond_measure (dataset conduct) refer (case_id) to rows the file does not hold, so nothing was replaced.`,
    );
    expect(
      await harness.dataSource.query(
        'SELECT (SELECT COUNT(*) FROM cond_case) AS cases, (SELECT COUNT(*) FROM cond_measure) AS measures',
      ),
    ).toEqual(before);

    // The same cases, as a file: the measures still find theirs, so the replace goes through
    // (the keys are checked once the load has written everything, not as it deletes).
    const stored: Record<string, string | null>[] = await harness.dataSource.query(
      'SELECT case_id, entity_code, received_on, closed_on, category, status, outcome, referral_source FROM cond_case',
    );
    const day = (v: unknown) => (v === null ? '' : String(v).slice(0, 10));
    const same = join(dir, 'same-cases.csv');
    await writeFile(
      same,
      [
        'case_id,entity_code,received_on,closed_on,category,status,outcome,referral_source',
        ...stored.map((c) =>
          [
            c.case_id,
            c.entity_code,
            day(c.received_on),
            day(c.closed_on),
            c.category,
            c.status,
            c.outcome ?? '',
            c.referral_source,
          ].join(','),
        ),
        '',
      ].join('\n'),
    );
    const replaced = await harness.importFile('conduct-cases', same, { replace: true });
    expect(replaced.summary.inserted).toBe(stored.length);
    expect(
      await harness.dataSource.query(
        'SELECT (SELECT COUNT(*) FROM cond_case) AS cases, (SELECT COUNT(*) FROM cond_measure) AS measures',
      ),
    ).toEqual(before);
  });
});
