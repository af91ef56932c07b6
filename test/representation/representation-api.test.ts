import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportRejectedError } from '../../src/shared/import/import-pipeline';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

describe.each(databaseCases())('representation > api > %s', (_name, database) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await openHarness(database, { seedScale: 0.05 });
  });
  afterAll(() => harness?.close());

  it('answers representation for all 193 member states in a constant number of SQL statements', async () => {
    const all = await harness.execute(
      '{ memberStates { iso3 representation(year: 2021) { staffCount status } } }',
    );
    const some = await harness.execute(
      '{ memberStates(regions: ["Africa"]) { iso3 representation(year: 2021) { staffCount status } } }',
    );
    expect(all.errors).toBeUndefined();
    expect((all.data?.memberStates as unknown[]).length).toBe(193);
    expect(all.statements.length).toBe(some.statements.length);
    // Member states, parameters, inputs, member-state keys, staff by nationality, dataset versions.
    expect(all.statements.length).toBeLessThanOrEqual(6);
  });

  it('summarises statuses, splitting within range by the midpoint', async () => {
    const result = await harness.execute(
      '{ representationSummary(year: 2021) { status count belowMidpoint atOrAboveMidpoint } }',
    );
    const rows = result.data?.representationSummary as {
      status: string;
      count: number;
      belowMidpoint: number | null;
      atOrAboveMidpoint: number | null;
    }[];
    expect(rows.map((r) => r.status)).toEqual([
      'WITHIN_RANGE',
      'UNDER_REPRESENTED',
      'UNREPRESENTED',
      'OVER_REPRESENTED',
    ]);
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(193);
    const within = rows[0];
    expect(Number(within.belowMidpoint) + Number(within.atOrAboveMidpoint)).toBe(within.count);
    expect(rows[1].belowMidpoint).toBeNull();
  });

  it('uses a fixed base figure when the parameters give one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-ranges-'));
    const header =
      'year,base_figure,membership_weight,population_weight,contribution_weight,flexibility,min_half_width,min_upper_limit,source';
    const file = join(dir, 'params.csv');
    await writeFile(file, `${header}\n2021,3000,0.40,0.05,0.55,0.15,4.8,14,test\n`);
    await harness.importFile('desirable-range-parameters', file);
    const result = await harness.execute(
      '{ desirableRangeInputs(year: 2021) { baseFigure baseFigureFromData } }',
    );
    expect(result.data?.desirableRangeInputs).toEqual({
      baseFigure: 3000,
      baseFigureFromData: false,
    });
    await writeFile(file, `${header}\n2021,,0.40,0.05,0.55,0.15,4.8,14,test\n`);
    await harness.importFile('desirable-range-parameters', file);
  });

  it('says what to import when a year has no inputs', async () => {
    const result = await harness.execute('{ representationSummary(year: 1999) { status count } }');
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0].message).toMatch(/desirable-range-parameters/);
  });

  it('validates official inputs on import: weights must add up, states must exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-inputs-'));
    const params = join(dir, 'p.csv');
    await writeFile(
      params,
      'year,base_figure,membership_weight,population_weight,contribution_weight,flexibility,min_half_width,min_upper_limit,source\n2023,,0.40,0.05,0.50,0.15,4.8,14,x\n',
    );
    const e1 = (await harness
      .importFile('desirable-range-parameters', params)
      .catch((e: unknown) => e)) as ImportRejectedError;
    expect(e1.summary.issues).toEqual([
      { line: 2, column: 'contribution_weight', message: 'the three weights must add up to 1' },
    ]);
    const inputs = join(dir, 'i.csv');
    await writeFile(
      inputs,
      'iso3,year,assessment_rate,population,source\nXXX,2023,0.001,1000,A/RES/76/238\nKEN,2023,-1,1000,A/RES/76/238\n',
    );
    // The shipped inputs are synthetic: official ones replace them (and a bad file leaves them).
    const e2 = (await harness
      .importFile('member-state-inputs', inputs, { replace: true })
      .catch((e: unknown) => e)) as ImportRejectedError;
    expect(e2.summary.issues).toEqual([
      { line: 2, column: 'iso3', message: 'unknown member state "XXX"' },
      { line: 3, column: 'assessment_rate', message: 'must be at least 0' },
    ]);
  });
});
