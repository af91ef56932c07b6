import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, isObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { rebuildRollups } from '../../src/datasets/engagement/engagement.rollup';
import { Role, type Principal } from '../../src/shared/auth/principal';
import { ImportRejectedError } from '../../src/shared/import/import-pipeline';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

const HR: Principal = { role: Role.HR, entityScope: null };
const ANALYST: Principal = { role: Role.ANALYST, entityScope: null };

const ENTITIES_QUERY = `query ($codes: [String!]) {
  entities(codes: $codes) {
    code
    engagement(wave: 2021, filter: { questionCodes: ["PM-FAIRNESS"] }) { respondents favourable }
  }
}`;

interface Cell {
  respondents: number | null;
  favourable: number | null;
  suppressed: boolean;
  suppressionReason: string | null;
}

describe.each(databaseCases())('engagement survey > %s', (_name, database) => {
  let harness: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rg-engagement-'));
    harness = await openHarness(database, { seedScale: 0.05 });
  }, 180_000);
  afterAll(async () => {
    await harness?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The stored rollups of a wave, in a stable order, for comparisons. */
  const rollups = async (wave: number) =>
    (
      (await harness.dataSource.query(
        'SELECT grouping_set, question_code, question_dimension, entity_code, grade_band, gender, ' +
          'age_band, disability, duty_station_type, respondents, respondents_key, n1, n2, n3, n4, n5, ' +
          'k1, k2, k3, k4, k5 FROM eng_rollup WHERE wave = ?',
        [wave],
      )) as Record<string, unknown>[]
    )
      .map((row) => JSON.stringify(Object.values(row).map((v) => (v === null ? null : String(v)))))
      .sort();

  const answersCsv = async (wave: number, change?: (value: number, i: number) => number) => {
    const rows: { respondent_id: string; question_code: string; value: number }[] =
      await harness.dataSource.query(
        'SELECT respondent_id, question_code, value FROM eng_answer WHERE wave = ? ORDER BY respondent_id, question_code',
        [wave],
      );
    const lines = rows.map(
      (r, i) =>
        `${wave},${r.respondent_id},${r.question_code},${change ? change(Number(r.value), i) : r.value}`,
    );
    return ['wave,respondent_id,question_code,value', ...lines];
  };
  const file = async (name: string, lines: string[]) => {
    const path = join(dir, name);
    await writeFile(path, `${lines.join('\n')}\n`);
    return path;
  };

  it('answers every engagement request from the rollups: no statement reads the answers', async () => {
    const queries: [string, Principal | undefined][] = [
      [
        '{ engagement(wave: 2021, filter: { questionCodes: ["PM-FAIRNESS"] }) { cells { respondents favourable neutral unfavourable mean } } }',
        undefined,
      ],
      [
        '{ engagement(wave: 2021, groupBy: [QUESTION_DIMENSION, DISABILITY]) { cells { questionDimension disability respondents favourable } } }',
        undefined,
      ],
      [
        '{ engagementTrend(filter: { questionCodes: ["PM-FAIRNESS", "PM-UNDERPERF"] }, groupBy: [QUESTION]) { wave cell { questionCode favourable } favourableChange } }',
        ANALYST,
      ],
      ['{ engagementWaves { year participants responseRate questions { code } } }', undefined],
      [ENTITIES_QUERY, HR],
      [
        '{ indicators(filter: { subjects: ["staff-engagement", "performance-management"] }) { code reconciliation { computed } } }',
        undefined,
      ],
    ];
    for (const [query, principal] of queries) {
      const result = await harness.execute(query, { principal });
      expect(result.errors).toBeUndefined();
      expect(result.statements.length).toBeGreaterThan(0);
      expect(result.statements.filter((sql) => /eng_answer/i.test(sql))).toEqual([]);
    }
  });

  it('costs the same SQL statements for the survey of 5 entities as for all of them', async () => {
    const five = await harness.execute(ENTITIES_QUERY, {
      variables: { codes: ['DESA', 'DGACM', 'OCHA', 'UNMISS', 'MONUSCO'] },
    });
    const all = await harness.execute(ENTITIES_QUERY);
    expect(five.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect((all.data?.entities as unknown[]).length).toBe(86);
    expect(all.statements).toHaveLength(five.statements.length);
    expect(all.statements.filter((sql) => /eng_rollup/i.test(sql))).toHaveLength(1);
  });

  it('protects the survey for every role, hr included: perturbed, and cells under 10 respondents hidden', async () => {
    const query =
      '{ engagement(wave: 2021, groupBy: [ENTITY, GENDER]) { threshold disclosure cells { entityCode gender respondents favourable suppressed suppressionReason } } }';
    for (const principal of [undefined, ANALYST, HR]) {
      const result = await harness.execute(query, { principal });
      expect(result.errors).toBeUndefined();
      const engagement = result.data?.engagement as {
        threshold: number;
        disclosure: string;
        cells: Cell[];
      };
      expect(engagement.threshold).toBe(10);
      expect(engagement.disclosure).toBe('PERTURBED');
      for (const cell of engagement.cells) {
        if (cell.suppressed) {
          expect(cell.favourable).toBeNull();
          expect(cell.suppressionReason).toMatch(/10/);
        } else expect(cell.respondents).toBeGreaterThanOrEqual(10);
      }
    }
    // hr is not given an exact count either: the same request gives the same published values.
    const publicCells = (await harness.execute(query)).data?.engagement;
    const hrCells = (await harness.execute(query, { principal: HR })).data?.engagement;
    expect(hrCells).toEqual(publicCells);
  });

  it('has no field that returns answer or respondent rows, for any role', () => {
    const schema = buildSchema(
      readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'),
    );
    const types = Object.values(schema.getTypeMap()).filter(isObjectType);
    const fields = types.flatMap((type) =>
      Object.keys(type.getFields()).map((field) => `${type.name}.${field}`),
    );
    expect(fields.filter((f) => /respondentId|answerValue/i.test(f))).toEqual([]);
    expect(types.map((t) => t.name).filter((n) => /Answer|Respondent$/.test(n))).toEqual([]);
  });

  it('re-importing a wave replaces its answers and rebuilds its rollups in the same transaction', async () => {
    const before2019 = await rollups(2019);
    expect(before2019.length).toBeGreaterThan(1000);
    // Every answer to the appraisal question becomes 5: the question is then 100% favourable.
    const lines = await answersCsv(2019);
    const allFive = lines.map((line) => line.replace(/^(2019,[^,]+,PM-FAIRNESS),\d$/, '$1,5'));
    // Over the seeded (synthetic) data an import needs --replace: it empties the whole table,
    // so the rollups of the waves the file does not hold (2017, 2021) go too.
    const replaced = await harness.importFile(
      'engagement-answers',
      await file('a2019.csv', allFive),
      {
        replace: true,
      },
    );
    expect(replaced.summary.inserted).toBe(lines.length - 1);
    const fairness = async (wave: number) =>
      (
        await harness.execute(
          `{ engagement(wave: ${wave}, filter: { questionCodes: ["PM-FAIRNESS"] }) { cells { favourable } } }`,
        )
      ).data?.engagement as { cells: { favourable: number }[] };
    expect((await fairness(2019)).cells[0].favourable).toBe(100);
    // An ungrouped aggregate over nothing is one cell without values.
    expect((await fairness(2021)).cells).toEqual([{ favourable: null }]);
    expect(await rollups(2021)).toEqual([]);

    // The rollups counted while streaming are what a rebuild from the stored answers gives.
    const streamed = await rollups(2019);
    await harness.dataSource.transaction((m) => rebuildRollups(m, new Set([2019])));
    expect(await rollups(2019)).toEqual(streamed);

    // A second file for the wave (no --replace needed now) replaces it again.
    const again = await harness.importFile('engagement-answers', await file('b2019.csv', lines));
    expect(again.summary.inserted).toBe(lines.length - 1);
    expect(await rollups(2019)).toEqual(before2019);
  });

  it('a failed import leaves the answers and the rollups as they were', async () => {
    const before = await rollups(2019);
    const answers = await harness.dataSource.query(
      'SELECT COUNT(*) AS n FROM eng_answer WHERE wave = 2019',
    );
    const lines = await answersCsv(2019, (value) => 6 - value);
    // The last row is bad: everything before it was written, then rolled back.
    lines.push('2019,NOBODY,PM-FAIRNESS,7');
    const error = (await harness
      .importFile('engagement-answers', await file('bad.csv', lines))
      .catch((e: unknown) => e)) as ImportRejectedError;
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect(error.summary.issues.map((i) => [i.line, i.column])).toEqual([[lines.length, 'value']]);
    expect(await rollups(2019)).toEqual(before);
    expect(
      await harness.dataSource.query('SELECT COUNT(*) AS n FROM eng_answer WHERE wave = 2019'),
    ).toEqual(answers);
  });
});
