import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { Role } from '../../src/shared/auth/principal';
import { printAppSchema } from '../../src/server/schema';
import { cliEnv, databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';
import { TINY } from './tiny-dataset';

/** The hub's list plus one line: everything else about the new dataset is in its folder. */
const MODULES = [...DATASET_MODULES, TINY];

describe.each(databaseCases())(
  'modules > a dataset added as a folder and one line > %s',
  (_name, database) => {
    let harness: Harness;
    let env: Record<string, string>;
    let dir: string;
    const output: string[] = [];
    const errors: string[] = [];
    const cli = (...args: string[]) =>
      runCli(['node', 'reformgraph', ...args], {
        modules: MODULES,
        env,
        out: (text) => output.push(text),
        err: (text) => errors.push(text),
      });

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'rg-tiny-'));
      harness = await openHarness(database, {
        modules: MODULES,
        file: true,
        // The CLI migrates (the module brings its own migration) and seeds the new dataset.
        prepare: async (config) => {
          env = cliEnv(config, dir);
          expect(await cli('seed', '--scale', '0.005', '--datasets', 'dimensions,tiny')).toBe(0);
        },
      });
    });
    afterAll(() => harness?.close());

    it('the CLI seeds it, documents its CSV format and imports it', async () => {
      expect(output.join('')).toMatch(
        /^tiny: loaded version 1 \(synthetic \(seed 1, scale 0\.005\), 20 rows\)$/m,
      );
      output.length = 0;
      expect(await cli('formats')).toBe(0);
      expect(output.join('')).toContain('#### `tiny-visits` — Visits: one row per visit.');

      const file = join(dir, 'visits.csv');
      await writeFile(
        file,
        'visit_id,year,entity_code\nR1,2021,DESA\nR2,2021,DESA\nR3,2022,OCHA\n',
      );
      output.length = 0;
      // Real rows over generated ones are refused without --replace, with what is there now.
      expect(await cli('import', 'tiny-visits', file)).toBe(1);
      expect(errors.join('')).toMatch(
        /tiny-visits \(dataset tiny\) holds 20 rows synthetic.*--replace/,
      );
      expect(await cli('import', 'tiny-visits', file, '--replace')).toBe(0);
      expect(output.join('')).toContain(
        'tiny-visits: 3 rows in = 3 inserted + 0 updated + 0 unchanged + 0 rejected',
      );
      expect(output.join('')).toMatch(/tiny: version 2 \(replaced 20 rows synthetic/);

      errors.length = 0;
      await writeFile(file, 'visit_id,year,entity_code\nR4,2021,NOPE\n');
      expect(await cli('import', 'tiny-visits', file)).toBe(1);
      expect(errors.join('')).toContain('line 2, column entity_code: unknown entity "NOPE"');

      // A file that cannot be read: the reason, and no summary of rows never read.
      errors.length = 0;
      expect(await cli('import', 'tiny-visits', join(dir, 'missing.csv'))).toBe(1);
      expect(errors.join('')).toMatch(/cannot read file .*missing\.csv: there is no such file\./);
      expect(errors.join('')).not.toMatch(/rows in/);
    });

    it('the graph serves its fact: root field, filter, cells, links and the nested field', async () => {
      // Exact values (the hr role); the public sees them perturbed like any other fact's.
      const result = await harness.execute(
        `{
          visits(groupBy: [ENTITY], filter: { yearFrom: 2021, yearTo: 2022 }) { entityCode visits entity { name } }
          entities(codes: ["DESA", "OCHA"]) { code visits(year: 2021) { visits } }
        }`,
        { principal: { role: Role.HR, entityScope: null } },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        visits: [
          {
            entityCode: 'DESA',
            visits: 2,
            entity: { name: 'Department of Economic and Social Affairs' },
          },
          {
            entityCode: 'OCHA',
            visits: 1,
            entity: { name: 'Office for the Coordination of Humanitarian Affairs' },
          },
        ],
        entities: [
          { code: 'DESA', visits: { visits: 2 } },
          { code: 'OCHA', visits: { visits: 0 } },
        ],
      });
      expect(result.extensions).toEqual({
        datasets: { dimensions: 1, tiny: 2 },
        disclosure: { role: 'HR', aggregates: { visits: 'EXACT' } },
      });
      const anonymous = await harness.execute(
        '{ visits(year: 2021) { visits suppressed disclosure } }',
      );
      expect(anonymous.data?.visits).toEqual([
        { visits: null, suppressed: true, disclosure: 'PERTURBED' },
      ]);
    });

    it('its SDMX dataflow is derived from the fact: structure, shared codelists, query, observations', async () => {
      const flow = harness.catalog.sdmx.flow('TINY_VISITS');
      expect(flow?.dimensions.map((d) => d.id)).toEqual(['ENTITY', 'TIME_PERIOD']);
      // The entities' codelist is the one every other flow over entities uses.
      expect(flow?.dimensions[0].codelist?.ref).toEqual({
        agency: 'UN',
        id: 'CL_ENTITY',
        version: '1.0',
      });
      if (!flow) return;
      const hr = { principal: { role: Role.HR, entityScope: null } };
      const result = await harness.execute(flow.query(new Set()), hr);
      expect(result.errors).toBeUndefined();
      const observations = flow.observations(result.data ?? {}, new Set());
      const cells = (
        await harness.execute('{ visits(groupBy: [ENTITY, YEAR]) { entityCode year visits } }', hr)
      ).data?.visits as { entityCode: string; year: number; visits: number }[];
      expect(cells.length).toBeGreaterThan(0);
      expect(observations.map((o) => [...o.key, o.value, ...o.attributes])).toEqual(
        cells.map((c) => [c.entityCode, String(c.year), c.visits, 'A', 'NUMBER', '0', 'A', 'F']),
      );
      // A total over the entities is one grouping fewer: the sum of each year's cells.
      const total = flow.observations(
        (await harness.execute(flow.query(new Set(['ENTITY'])), hr)).data ?? {},
        new Set(['ENTITY']),
      );
      const years = [...new Set(cells.map((c) => c.year))].sort();
      expect(total.map((o) => [...o.key, o.value])).toEqual(
        years.map((year) => [
          '_T',
          String(year),
          cells.filter((c) => c.year === year).reduce((sum, c) => sum + c.visits, 0),
        ]),
      );
    });

    it('its versions and schema are derived like any other dataset', async () => {
      const result = await harness.execute('{ dataset(name: "tiny") { version source rowCount } }');
      expect(result.data?.dataset).toMatchObject({
        version: 2,
        rowCount: 3,
        source: expect.stringMatching(/^replaced by file visits\.csv/),
      });
      const sdl = await printAppSchema(harness.catalog);
      expect(sdl).toContain(
        'visits(filter: VisitsFilter, groupBy: [VisitsDimension!]! = [], year: Int): [VisitsCell!]!',
      );
      expect(sdl).toMatch(/enum VisitsDimension \{[^}]*ENTITY_KIND[^}]*\}/);
    });
  },
);
