import { mkdtemp, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntityManager } from 'typeorm';
import { StaffYear } from '../../src/datasets/staffing/staff-year.entity';
import { ImportRejectedError, type ImportSummary } from '../../src/shared/import/import-pipeline';
import { Utf8Check } from '../../src/shared/import/utf8-check';
import type { ImportFileOptions } from '../../src/shared/loading/dataset-loads';
import { DatasetVersion } from '../../src/shared/versions/dataset-version.entity';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

const HEADER =
  'staff_id,year,entity_code,duty_station_code,grade_code,gender,nationality_iso3,birth_year,contract_type,geographical,ypp';
const GOOD = [
  'X0000001,2021,DESA,NEW_YORK,P-4,F,KEN,1980,FIXED_TERM,true,false',
  'X0000002,2021,OCHA,GENEVA,G-5,M,CHE,1975,CONTINUING,false,false',
  'X0000003,2021,UNMISS,JUBA,FS-5,F,UGA,1985,FIXED_TERM,false,false',
];

async function csvFile(dir: string, name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

/** Everything stored in fact_staff_year and its provenance, in a stable order, to prove nothing changed. */
async function snapshot(harness: Harness): Promise<unknown[]> {
  return [
    await harness.dataSource
      .getRepository(StaffYear)
      .find({ order: { staffId: 'ASC', year: 'ASC' } }),
    await harness.dataSource.getRepository(DatasetVersion).find({ order: { id: 'ASC' } }),
  ];
}

describe('import > UTF-8 check', () => {
  const run = async (chunks: Buffer[]) => {
    const out: Buffer[] = [];
    await pipeline(
      Readable.from(chunks),
      new Utf8Check(),
      async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) out.push(chunk);
      },
    );
    return Buffer.concat(out).toString('utf8');
  };

  it('passes UTF-8 through unchanged, with a character cut between two chunks', async () => {
    const text = Buffer.from('name\nJosé 北京 🙂\n', 'utf8');
    const cuts = [text.subarray(0, 8), text.subarray(8, 12), text.subarray(12)];
    expect(await run(cuts)).toBe('name\nJosé 北京 🙂\n');
  });

  it('names the line of the first byte that is not UTF-8, even at the very end', async () => {
    await expect(run([Buffer.from('a\nb\n'), Buffer.from([0x63, 0xe9, 0x0a])])).rejects.toThrow(
      /line 3 is not UTF-8 \(byte 0xE9/,
    );
    await expect(run([Buffer.from('a\n'), Buffer.from([0xe2, 0x82])])).rejects.toThrow(/line 2/);
    // An overlong encoding of "/" and a UTF-16 surrogate are not UTF-8 either.
    await expect(run([Buffer.from([0xc0, 0xaf])])).rejects.toThrow(/byte 0xC0/);
    await expect(run([Buffer.from([0xed, 0xa0, 0x80])])).rejects.toThrow(/byte 0xED/);
  });
});

describe.each(databaseCases())('import > pipeline > %s', (_name, database) => {
  let harness: Harness;
  let dir: string;
  // The dimensions only: staff-years starts empty, so real rows can be imported without --replace.
  beforeAll(async () => {
    harness = await openHarness(database, { seedScale: 0.005, seedDatasets: ['dimensions'] });
    dir = await mkdtemp(join(tmpdir(), 'rg-import-'));
  });
  afterAll(() => harness?.close());

  const importCsv = async (
    importer: string,
    file: string,
    options?: Omit<ImportFileOptions, 'recordKeySecret'>,
  ): Promise<ImportSummary> => (await harness.importFile(importer, file, options)).summary;

  it('imports a good file, then changes nothing when the same file comes again', async () => {
    const file = await csvFile(dir, 'good.csv', [HEADER, ...GOOD]);
    const first = await importCsv('staff-years', file);
    expect(first).toMatchObject({
      rowsIn: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const before = await snapshot(harness);
    const second = await importCsv('staff-years', file);
    expect(second).toMatchObject({
      rowsIn: 3,
      inserted: 0,
      updated: 0,
      unchanged: 3,
      rejected: 0,
    });
    expect(await snapshot(harness)).toEqual(before);
  });

  it('counts a changed row as updated', async () => {
    const changed = [GOOD[0].replace('P-4', 'P-5'), ...GOOD.slice(1)];
    const summary = await importCsv(
      'staff-years',
      await csvFile(dir, 'changed.csv', [HEADER, ...changed]),
    );
    expect(summary).toMatchObject({
      rowsIn: 3,
      inserted: 0,
      updated: 1,
      unchanged: 2,
      rejected: 0,
    });
    const row = await harness.dataSource
      .getRepository(StaffYear)
      .findOneByOrFail({ staffId: 'X0000001', year: 2021 });
    expect(row.gradeCode).toBe('P-5');
  });

  it('rejects a file with one bad row, names its line and column, and leaves the database unchanged', async () => {
    const before = await snapshot(harness);
    const lines = [
      HEADER,
      'X0000009,2021,DESA,NEW_YORK,P-3,F,KEN,1990,FIXED_TERM,true,false',
      GOOD[1].replace('G-5', 'G-5'),
      'X0000010,2021,DESA,NEW_YORK,P-3,Q,KEN,1990,FIXED_TERM,true,false',
    ];
    const file = await csvFile(dir, 'bad.csv', lines);
    const error = await importCsv('staff-years', file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    const summary = (error as ImportRejectedError).summary;
    expect(summary.issues).toEqual([{ line: 4, column: 'gender', message: 'must be one of F, M' }]);
    expect(summary.rejected).toBe(1);
    expect(await snapshot(harness)).toEqual(before);
  });

  it('rejects unknown references and impossible values with line and column', async () => {
    const lines = [
      HEADER,
      'X0000011,2021,NOPE,NEW_YORK,P-3,F,KEN,1990,FIXED_TERM,true,false',
      'X0000012,2021,DESA,NEW_YORK,P-3,F,KEN,2019,FIXED_TERM,true,false',
    ];
    const error = (await importCsv('staff-years', await csvFile(dir, 'refs.csv', lines)).catch(
      (e: unknown) => e,
    )) as ImportRejectedError;
    expect(error.summary.issues).toEqual([
      { line: 2, column: 'entity_code', message: 'unknown entity "NOPE"' },
      { line: 3, column: 'birth_year', message: 'gives an age of 2 in 2021' },
    ]);
  });

  it('rejects duplicate keys within a file', async () => {
    const error = (await importCsv(
      'staff-years',
      await csvFile(dir, 'dup.csv', [HEADER, GOOD[0], GOOD[0]]),
    ).catch((e: unknown) => e)) as ImportRejectedError;
    expect(error.summary.issues).toEqual([
      { line: 3, column: 'staff_id, year', message: 'duplicate key: same as line 2' },
    ]);
  });

  it('with skipInvalid imports the good rows and counts the bad ones: rows in = inserted + updated + unchanged + rejected', async () => {
    const lines = [
      HEADER,
      ...GOOD,
      'X0000020,2021,DESA,NEW_YORK,P-3,F,KEN,1990,FIXED_TERM,true,false',
      'X0000021,2021,DESA,NEW_YORK,P-3,F,KEN,1990,FIXED_TERM,maybe,false',
    ];
    const s = await importCsv('staff-years', await csvFile(dir, 'partial.csv', lines), {
      skipInvalid: true,
    });
    expect(s).toMatchObject({ rowsIn: 5, inserted: 1, updated: 1, unchanged: 2, rejected: 1 });
    expect(s.rowsIn).toBe(s.inserted + s.updated + s.unchanged + s.rejected);
    expect(s.issues).toEqual([
      { line: 6, column: 'geographical', message: 'must be true or false' },
    ]);
  });

  it('a dry run validates and counts but writes nothing', async () => {
    const before = await snapshot(harness);
    const s = await importCsv(
      'staff-years',
      await csvFile(dir, 'dry.csv', [
        HEADER,
        'X0000030,2021,DESA,NEW_YORK,P-3,F,KEN,1990,FIXED_TERM,true,false',
      ]),
      { dryRun: true },
    );
    expect(s).toMatchObject({ inserted: 1, written: false });
    expect(await snapshot(harness)).toEqual(before);
  });

  it('refuses malformed CSV and a wrong header with a clear message', async () => {
    const broken = await csvFile(dir, 'broken.csv', [
      HEADER,
      'X1,2021,"DESA,NEW_YORK,P-3,F,KEN,1990,FIXED_TERM,true,false',
    ]);
    await expect(importCsv('staff-years', broken)).rejects.toThrow(/not valid CSV/);
    // A row with too few fields is a problem of that row, reported with its line like any other.
    const short = await csvFile(dir, 'short.csv', [HEADER, GOOD[0], 'X1,2021,DESA']);
    const error = (await importCsv('staff-years', short).catch(
      (e: unknown) => e,
    )) as ImportRejectedError;
    expect(error.summary.issues).toEqual([
      { line: 3, column: null, message: 'has 3 fields where the header has 11' },
    ]);
    const header = await csvFile(dir, 'header.csv', ['staff,year', 'X1,2021']);
    await expect(importCsv('staff-years', header)).rejects.toThrow(/missing column\(s\) staff_id/);
    await expect(importCsv('staff-years', join(dir, 'nope.csv'))).rejects.toThrow(
      /cannot read file .*nope\.csv: there is no such file\./,
    );
    // Excel's "CSV" in a semicolon locale: the header is one column; the message says so.
    const semicolons = await csvFile(dir, 'semicolons.csv', [HEADER.replaceAll(',', ';')]);
    await expect(importCsv('staff-years', semicolons)).rejects.toThrow(
      /separated by semicolons, not commas: save it as comma-separated CSV/,
    );
  });

  it('names the allowed values of an optional enum column, not "Invalid input"', async () => {
    const header =
      'job_opening_id,entity_code,grade_code,duty_station_code,posted_on,deadline_on,assessed_on,interviewed_on,endorsed_on,selected_on,applicants_total,applicants_women,roster_based,selected_gender';
    const lines = [
      header,
      'JO-T-9,DESA,P-3,NEW_YORK,2021-01-04,2021-02-01,,,,2021-06-01,100,40,false,X',
    ];
    const error = (await importCsv('job-openings', await csvFile(dir, 'enum.csv', lines)).catch(
      (e: unknown) => e,
    )) as ImportRejectedError;
    expect(error.summary.issues).toEqual([
      { line: 2, column: 'selected_gender', message: 'must be one of F, M' },
    ]);
  });

  it('refuses a file that is not UTF-8 (Latin-1, UTF-16) naming the line, and takes UTF-8 with a BOM', async () => {
    const before = await snapshot(harness);
    const latin1 = join(dir, 'latin1.csv');
    // Line 3 gets a Latin-1 "é" (0xE9) in a field, as a Windows export would write it.
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\n${GOOD[0]}\n`, 'utf8'),
      Buffer.from(
        'X000001\u00e9,2021,DESA,NEW_YORK,P-3,F,KEN,1990,FIXED_TERM,true,false\n',
        'latin1',
      ),
    ]);
    await writeFile(latin1, bytes);
    const error = (await importCsv('staff-years', latin1).catch(
      (e: unknown) => e,
    )) as ImportRejectedError;
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect(error.message).toMatch(/line 3 is not UTF-8 \(byte 0xE9/);
    expect(error.summary.issues[0].line).toBe(3);
    const utf16 = join(dir, 'utf16.csv');
    await writeFile(
      utf16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n`, 'utf16le')]),
    );
    await expect(importCsv('staff-years', utf16)).rejects.toThrow(/UTF-16/);
    expect(await snapshot(harness)).toEqual(before);
    // A UTF-8 BOM (Excel's "CSV UTF-8") is fine, and multi-byte letters across read chunks too.
    const bom = join(dir, 'bom.csv');
    await writeFile(bom, `\ufeff${HEADER}\n${GOOD[0]}\n`);
    expect((await importCsv('staff-years', bom, { dryRun: true })).rowsIn).toBe(1);
  });

  it('checks stage dates of job openings are in order', async () => {
    const header =
      'job_opening_id,entity_code,grade_code,duty_station_code,posted_on,deadline_on,assessed_on,interviewed_on,endorsed_on,selected_on,applicants_total,applicants_women,roster_based,selected_gender';
    const lines = [
      header,
      'JO-T-1,DESA,P-3,NEW_YORK,2021-03-01,2021-02-01,,,,2021-06-01,100,40,false,F',
      'JO-T-2,DESA,P-3,NEW_YORK,2021-02-30,2021-03-01,,,,,100,40,false,',
    ];
    const error = (await importCsv('job-openings', await csvFile(dir, 'jo.csv', lines)).catch(
      (e: unknown) => e,
    )) as ImportRejectedError;
    expect(error.summary.issues).toEqual([
      { line: 2, column: 'deadline_on', message: 'is before posted_on (2021-03-01)' },
      { line: 3, column: 'posted_on', message: 'is not a real calendar date' },
    ]);
  });

  it('rolls back everything when the database fails half-way', async () => {
    const before = await snapshot(harness);
    // Enough rows for several chunks, so that the failing INSERT comes after one was written.
    const rows = Array.from(
      { length: 5000 },
      (_, i) =>
        `Y${String(i).padStart(7, '0')},2021,DESA,NEW_YORK,P-3,F,KEN,1990,FIXED_TERM,true,false`,
    );
    const file = await csvFile(dir, 'big.csv', [HEADER, ...rows]);
    // The second INSERT fails as if the connection dropped; the first was already sent.
    const query = EntityManager.prototype.query;
    let inserts = 0;
    const spy = jest.spyOn(EntityManager.prototype, 'query').mockImplementation(function (
      this: EntityManager,
      sql: string,
      parameters?: Parameters<EntityManager['query']>[1],
    ) {
      if (/^INSERT INTO\s+\S*fact_staff_year/i.test(sql)) {
        inserts += 1;
        if (inserts === 2) return Promise.reject(new Error('simulated connection loss'));
      }
      return query.call(this, sql, parameters);
    });
    try {
      await expect(importCsv('staff-years', file)).rejects.toThrow(/simulated connection loss/);
    } finally {
      spy.mockRestore();
    }
    expect(inserts).toBe(2);
    expect(await snapshot(harness)).toEqual(before);
  });
});
