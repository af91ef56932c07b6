import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InsertQueryBuilder, type ObjectLiteral } from 'typeorm';
import { JobOpening } from '../../src/datasets/staffing/job-opening.entity';
import { StaffYear } from '../../src/datasets/staffing/staff-year.entity';
import {
  LoadConflictError,
  seedDatasets,
  type SeedOptions,
} from '../../src/shared/loading/dataset-loads';
import { DatasetVersion } from '../../src/shared/versions/dataset-version.entity';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

interface DatasetView {
  name: string;
  version: number | null;
  source: string;
  synthetic: boolean;
  rowCount: number | null;
  parts: {
    importer: string;
    version: number | null;
    operation: string | null;
    synthetic: boolean | null;
    scale: number | null;
    fileName: string | null;
    checksum: string | null;
    rowCount: number | null;
  }[];
}

const STAFF_HEADER =
  'staff_id,year,entity_code,duty_station_code,grade_code,gender,nationality_iso3,birth_year,contract_type,geographical,ypp';
const REAL_ROWS = [
  'R0000001,2021,DESA,NEW_YORK,P-4,F,KEN,1980,FIXED_TERM,true,false',
  'R0000002,2021,OCHA,GENEVA,G-5,M,CHE,1975,CONTINUING,false,false',
  'R0000003,2021,UNMISS,JUBA,FS-5,F,UGA,1985,FIXED_TERM,false,false',
];

describe.each(databaseCases())('loading > versions and provenance > %s', (_name, database) => {
  let harness: Harness;
  let dir: string;
  beforeAll(async () => {
    harness = await openHarness(database, { seedScale: 0.01 });
    dir = await mkdtemp(join(tmpdir(), 'rg-versions-'));
  });
  afterAll(() => harness?.close());

  const seed = (scale: number, extra: Partial<SeedOptions> = {}) =>
    seedDatasets(harness.dataSource, harness.catalog, {
      scale,
      seed: '1',
      outDir: join(dir, `seed-${scale}`),
      ...extra,
    });
  const datasets = async (): Promise<Map<string, DatasetView>> => {
    const result = await harness.execute(
      '{ datasets { name version source synthetic rowCount parts { importer version operation synthetic scale fileName checksum rowCount } } }',
    );
    expect(result.errors).toBeUndefined();
    return new Map((result.data?.datasets as DatasetView[]).map((d) => [d.name, d]));
  };
  const staffRows = () => harness.dataSource.getRepository(StaffYear).count();
  const jobRows = () => harness.dataSource.getRepository(JobOpening).count();

  it('records a version for every load, with where the data comes from', async () => {
    const all = await datasets();
    expect([...all.keys()]).toEqual([
      'dimensions',
      'representation',
      'staffing',
      'engagement',
      'conduct',
      'learning',
      'indicators',
    ]);
    const staffing = all.get('staffing');
    expect(staffing).toMatchObject({
      version: 1,
      source: 'synthetic (seed 1, scale 0.01)',
      synthetic: true,
      rowCount: (await staffRows()) + (await jobRows()),
    });
    expect(staffing?.parts.map((p) => [p.importer, p.operation, p.scale, p.fileName])).toEqual([
      ['staff-years', 'SEED', 0.01, 'staff-years.csv'],
      ['job-openings', 'SEED', 0.01, 'job-openings.csv'],
    ]);
    expect(staffing?.parts[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(all.get('dimensions')).toMatchObject({
      version: 1,
      source: 'reference data shipped with reformgraph',
      synthetic: false,
    });
    // Parameters are the published rules, inputs are generated: the dataset says it is mixed.
    expect(all.get('representation')?.source).toMatch(
      /^mixed: desirable-range-parameters reference data .*; member-state-inputs synthetic \(seed 1, scale 0\.01\)$/,
    );
  });

  it('says in every response which dataset versions it was computed from', async () => {
    const byKind = await harness.execute(
      '{ workforce(year: 2021, groupBy: [ENTITY_KIND]) { entityKind headcount } }',
    );
    expect(byKind.extensions?.datasets).toEqual({ dimensions: 1, staffing: 1 });
    const plain = await harness.execute('{ recruitment(year: 2021) { recruitments } }');
    expect(plain.extensions?.datasets).toEqual({ staffing: 1 });
    const indicators = await harness.execute('{ indicators { code } }');
    expect(indicators.extensions).toEqual({ datasets: { indicators: 1 } });
  });

  it('re-seeding at another scale replaces the generated rows, and leaves unchanged datasets alone', async () => {
    const results = await seed(0.02);
    expect(results.map((r) => [r.dataset, r.outcome, r.version])).toEqual([
      ['dimensions', 'UNCHANGED', 1],
      ['representation', 'UNCHANGED', 1],
      ['staffing', 'REPLACED', 2],
      ['engagement', 'REPLACED', 2],
      ['conduct', 'REPLACED', 2],
      ['learning', 'REPLACED', 2],
      ['indicators', 'UNCHANGED', 1],
    ]);
    const staffing = results.find((r) => r.dataset === 'staffing');
    expect(staffing?.before.source).toBe('synthetic (seed 1, scale 0.01)');
    // Nothing of scale 0.01 is left behind: the tables hold exactly the new files' rows.
    const [staffFile, jobFile] = staffing?.summaries ?? [];
    expect(await staffRows()).toBe(staffFile.rowsIn);
    expect(await jobRows()).toBe(jobFile.rowsIn);
    expect((await datasets()).get('staffing')).toMatchObject({
      version: 2,
      source: 'synthetic (seed 1, scale 0.02)',
    });
    const response = await harness.execute('{ workforce(year: 2021) { headcount } }');
    expect(response.extensions?.datasets).toEqual({ staffing: 2 });
  });

  it('refuses to import a real file over synthetic rows, and replaces them when told to', async () => {
    const file = join(dir, 'real-staff.csv');
    await writeFile(file, `${[STAFF_HEADER, ...REAL_ROWS].join('\n')}\n`);
    const before = await staffRows();
    const refused = await harness.importFile('staff-years', file).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LoadConflictError);
    expect((refused as Error).message).toMatch(
      new RegExp(
        `staff-years \\(dataset staffing\\) holds ${before} rows synthetic \\(seed 1, scale 0\\.02\\) \\(version 2, .*--replace`,
      ),
    );
    expect(await staffRows()).toBe(before);

    const replaced = await harness.importFile('staff-years', file, { replace: true });
    expect(replaced).toMatchObject({ dataset: 'staffing', version: 3, replaced: true });
    expect(replaced.summary).toMatchObject({ rowsIn: 3, inserted: 3, rejected: 0 });
    expect(await staffRows()).toBe(3);
    const staffing = (await datasets()).get('staffing');
    // Real staff with synthetic job openings: the dataset says it is a mixture.
    expect(staffing?.synthetic).toBe(true);
    expect(staffing?.source).toMatch(
      /^mixed: staff-years replaced by file real-staff\.csv \(sha256 [0-9a-f]{12}\); job-openings synthetic/,
    );
    // The same real file again changes nothing and makes no new version.
    const again = await harness.importFile('staff-years', file);
    expect(again).toMatchObject({ version: null, summary: { unchanged: 3, inserted: 0 } });
    expect((await datasets()).get('staffing')?.version).toBe(3);
  });

  it('refuses to seed over imported rows unless told to replace them', async () => {
    const refused = await seed(0.02).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LoadConflictError);
    expect((refused as Error).message).toMatch(
      /staff-years \(dataset staffing\) holds 3 rows replaced by file real-staff\.csv .*run again with --replace/,
    );
    expect(await staffRows()).toBe(3);
    const results = await seed(0.02, { replace: true });
    expect(results.find((r) => r.dataset === 'staffing')).toMatchObject({
      outcome: 'REPLACED',
      version: 4,
    });
    expect((await datasets()).get('staffing')).toMatchObject({
      version: 4,
      synthetic: true,
      source: 'synthetic (seed 1, scale 0.02)',
    });
  });

  it('leaves the previous version, data and provenance, intact when a replace fails halfway', async () => {
    const state = async () => ({
      staff: await staffRows(),
      jobs: await jobRows(),
      versions: await harness.dataSource.getRepository(DatasetVersion).count(),
    });
    const before = await state();
    const execute = InsertQueryBuilder.prototype.execute;
    let calls = 0;
    // The third INSERT of the new staff rows fails as if the connection dropped.
    const spy = jest.spyOn(InsertQueryBuilder.prototype, 'execute').mockImplementation(function (
      this: InsertQueryBuilder<ObjectLiteral>,
    ) {
      calls += 1;
      return calls === 3 ? Promise.reject(new Error('simulated failure')) : execute.call(this);
    });
    try {
      await expect(seed(0.03)).rejects.toThrow(/simulated failure/);
    } finally {
      spy.mockRestore();
    }
    expect(await state()).toEqual(before);
    expect((await datasets()).get('staffing')).toMatchObject({
      version: 4,
      source: 'synthetic (seed 1, scale 0.02)',
    });
  });
});
