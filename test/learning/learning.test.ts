import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role, type Principal } from '../../src/shared/auth/principal';
import { ImportRejectedError } from '../../src/shared/import/import-pipeline';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

const HR: Principal = { role: Role.HR, entityScope: null };

describe.each(databaseCases())('learning, joined to the workforce > %s', (_name, database) => {
  let harness: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rg-learning-'));
    harness = await openHarness(database, {
      seedScale: 0.1,
      seedDatasets: ['dimensions', 'staffing', 'learning'],
    });
  }, 240_000);
  afterAll(async () => {
    await harness?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const count = async (sql: string, params: unknown[] = []) =>
    Number(((await harness.dataSource.query(sql, params)) as { n: unknown }[])[0].n);

  it('copies every enrolment’s entity, grade and gender from its staff-year', async () => {
    expect(await count('SELECT COUNT(*) AS n FROM lrn_enrolment')).toBeGreaterThan(10_000);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM lrn_enrolment e JOIN fact_staff_year s ON s.year = e.year AND s.staff_id = e.staff_id ' +
          'WHERE e.entity_code IS NULL OR e.entity_code <> s.entity_code OR e.grade_code <> s.grade_code OR e.gender <> s.gender',
      ),
    ).toBe(0);
  });

  it('gives the share of staff who completed a programme, equal to counting it by hand (hr, exact)', async () => {
    const result = await harness.execute(
      '{ learningCoverage(year: 2021, groupBy: [GENDER]) { gender staff mandatoryCompleted mandatoryShare leadershipCompleted disclosure } }',
      { principal: HR },
    );
    expect(result.errors).toBeUndefined();
    const cells = result.data?.learningCoverage as {
      gender: string;
      staff: number;
      mandatoryCompleted: number;
      mandatoryShare: number;
      leadershipCompleted: number;
      disclosure: string;
    }[];
    expect(cells.map((c) => c.gender)).toEqual(['FEMALE', 'MALE']);
    for (const cell of cells) {
      const gender = cell.gender === 'FEMALE' ? 'F' : 'M';
      const byHand = (programme: string) =>
        count(
          'SELECT COUNT(*) AS n FROM fact_staff_year s WHERE s.year = 2021 AND s.gender = ? AND EXISTS (' +
            'SELECT 1 FROM lrn_enrolment e JOIN lrn_course c ON c.code = e.course_code ' +
            "WHERE e.staff_id = s.staff_id AND e.year <= 2021 AND e.status = 'COMPLETED' AND c.programme = ?)",
          [gender, programme],
        );
      expect(cell.disclosure).toBe('EXACT');
      expect(cell.staff).toBe(
        await count('SELECT COUNT(*) AS n FROM fact_staff_year WHERE year = 2021 AND gender = ?', [
          gender,
        ]),
      );
      expect(cell.mandatoryCompleted).toBe(await byHand('MANDATORY'));
      expect(cell.leadershipCompleted).toBe(await byHand('LEADERSHIP_AND_MANAGEMENT'));
      // Every share goes out rounded to its precision (0.1), exact roles' too.
      expect(cell.mandatoryShare).toBe(
        Math.round((1000 * cell.mandatoryCompleted) / cell.staff) / 10,
      );
    }
  });

  it('protects coverage like the workforce: the staff of a coverage cell is the workforce headcount cell', async () => {
    const coverage = await harness.execute(
      '{ learningCoverage(year: 2021, groupBy: [ENTITY]) { entityCode staff mandatoryShare disclosure } }',
    );
    const workforce = await harness.execute(
      '{ workforce(year: 2021, groupBy: [ENTITY]) { entityCode headcount } }',
    );
    const cells = coverage.data?.learningCoverage as {
      entityCode: string;
      staff: number;
      disclosure: string;
    }[];
    const headcount = new Map(
      (workforce.data?.workforce as { entityCode: string; headcount: number }[]).map((c) => [
        c.entityCode,
        c.headcount,
      ]),
    );
    expect(cells.length).toBeGreaterThan(10);
    for (const cell of cells) {
      expect(cell.disclosure).toBe('PERTURBED');
      expect(cell.staff).toBe(headcount.get(cell.entityCode));
    }
  });

  it('answers the mandatory completion share by gender for 5 entities and for all with the same SQL statements', async () => {
    const codes = (
      (await harness.dataSource.query('SELECT code FROM dim_entity ORDER BY code')) as {
        code: string;
      }[]
    ).map((r) => r.code);
    const query = (list: string[]) => `{
      entities(codes: ${JSON.stringify(list)}) {
        code
        women: learningCoverage(year: 2021, filter: { genders: [FEMALE] }) { staff mandatoryShare }
        men: learningCoverage(year: 2021, filter: { genders: [MALE] }) { staff mandatoryShare }
        learning(year: 2021, filter: { programmes: [MANDATORY] }) { enrolments completionRate }
      }
    }`;
    const five = await harness.execute(query(codes.slice(0, 5)));
    const all = await harness.execute(query(codes));
    expect(five.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect((all.data?.entities as unknown[]).length).toBe(codes.length);
    expect(all.statements).toHaveLength(five.statements.length);
    expect(all.statements.filter((sql) => /lrn_completion/.test(sql))).toHaveLength(2);
    expect(all.statements.filter((sql) => /lrn_enrolment/.test(sql))).toHaveLength(1);
  });

  it('gives course sessions exactly to everyone (published), and enrolments perturbed but to hr', async () => {
    const offerings = await harness.execute(
      '{ learningOfferings(year: 2019, filter: { programmes: [LANGUAGE] }, groupBy: [DELIVERY]) { delivery coursesOffered disclosure } }',
    );
    const cells = offerings.data?.learningOfferings as {
      delivery: string;
      coursesOffered: number;
      disclosure: string;
    }[];
    expect(cells.every((c) => c.disclosure === 'PUBLISHED')).toBe(true);
    expect(cells.reduce((a, c) => a + c.coursesOffered, 0)).toBe(
      await count(
        "SELECT COUNT(*) AS n FROM lrn_offering o JOIN lrn_course c ON c.code = o.course_code WHERE o.year = 2019 AND c.programme = 'LANGUAGE'",
      ),
    );
    const learning = (principal?: Principal) =>
      harness.execute('{ learning(year: 2021) { enrolments disclosure } }', { principal });
    const [publicCell] = (await learning()).data?.learning as {
      enrolments: number;
      disclosure: string;
    }[];
    const [hrCell] = (await learning(HR)).data?.learning as {
      enrolments: number;
      disclosure: string;
    }[];
    expect(publicCell.disclosure).toBe('PERTURBED');
    expect(hrCell).toEqual({
      enrolments: await count('SELECT COUNT(*) AS n FROM lrn_enrolment WHERE year = 2021'),
      disclosure: 'EXACT',
    });
    expect(Math.abs(publicCell.enrolments - hrCell.enrolments)).toBeLessThanOrEqual(2);
  });

  it('rejects enrolments of staff not in that year’s staffing, per line, and stores nothing', async () => {
    const [{ staff_id: staffId }]: { staff_id: string }[] = await harness.dataSource.query(
      'SELECT staff_id FROM fact_staff_year WHERE year = 2021 ORDER BY staff_id LIMIT 1',
    );
    const before = await count('SELECT COUNT(*) AS n FROM lrn_enrolment');
    const file = join(dir, 'enrolments.csv');
    await writeFile(
      file,
      [
        'enrolment_id,staff_id,year,course_code,enrolled_on,completed_on,status,certified',
        `X-1,${staffId},2021,MAN-ETHICS,2021-03-01,2021-03-10,COMPLETED,false`,
        'X-2,S9999999,2021,MAN-ETHICS,2021-03-01,2021-03-10,COMPLETED,false',
        `X-3,${staffId},2015,MAN-ETHICS,2015-03-01,,ENROLLED,false`,
        `X-4,${staffId},2021,NO-SUCH-COURSE,2021-03-01,,ENROLLED,false`,
        '',
      ].join('\n'),
    );
    const error = (await harness
      .importFile('learning-enrolments', file, { replace: true })
      .catch((e: unknown) => e)) as ImportRejectedError;
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect(error.summary.issues.map((i) => [i.line, i.column, i.message])).toEqual(
      expect.arrayContaining([
        [3, 'staff_id', 'S9999999 is not in the staffing data for 2021'],
        [4, 'staff_id', `${staffId} is not in the staffing data for 2015`],
        [5, 'course_code', expect.stringMatching(/NO-SUCH-COURSE/)],
      ]),
    );
    expect(error.summary.issues.some((i) => i.line === 2)).toBe(false);
    expect(await count('SELECT COUNT(*) AS n FROM lrn_enrolment')).toBe(before);
  });
});
