import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { RunningServer } from '../../src/server/server';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

/**
 * Hostile text goes in through the importers and must come out of every flat export as text a
 * spreadsheet will not run (issue #23, finding 6): stored as given, answered as given in JSON
 * and GraphQL, prefixed with `'` in CSV and SDMX-CSV. The strings are OWASP's CSV injection
 * starts and their wider forms.
 */
const HOSTILE = [
  '=HYPERLINK("http://evil.example/x","click")',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A2)',
  '|calc',
  '\t=1+1',
  '\r=1+1',
  '\uFF1D1+1',
  '\uFF0BSUM(A1)',
  '  =1+1',
];

/** What the importers store: text columns are trimmed. */
const STORED = HOSTILE.map((text) => text.trim());

describe.each(databaseCases())(
  'server > hostile text through import and every export > %s',
  (_name, database) => {
    let harness: Harness;
    let server: RunningServer;
    let dir: string;

    const file = async (name: string, rows: Record<string, string>[]) => {
      const path = join(dir, name);
      await writeFile(path, stringify(rows, { header: true }));
      return path;
    };

    beforeAll(async () => {
      harness = await openHarness(database, {
        file: true,
        seedScale: 0.005,
        seedDatasets: ['dimensions', 'indicators'],
        env: { API_TOKENS: 'export-hr-token-1=hr' },
      });
      dir = await mkdtemp(join(tmpdir(), 'rg-hostile-'));
      // Entities whose names are hostile, one of them with a code that starts with '-'.
      const entities = HOSTILE.map((name, i) => ({
        code: i === 0 ? '-EVIL' : `EVIL${i}`,
        name,
        kind: 'DEPARTMENT',
        parent_code: '',
      }));
      const imported = await harness.importFile('entities', await file('entities.csv', entities));
      expect(imported.summary).toMatchObject({ rejected: 0, inserted: HOSTILE.length });
      // Forty staff in -EVIL and in three others, so its cells are shown in the workforce
      // dataflow (a cell is hidden when it is most of its parent: here, every entity).
      const staff = Array.from({ length: 160 }, (_, i) => ({
        staff_id: `H${String(i).padStart(7, '0')}`,
        year: '2021',
        entity_code: i < 40 ? '-EVIL' : `EVIL${Math.floor(i / 40)}`,
        duty_station_code: 'NEW_YORK',
        grade_code: 'P-4',
        gender: i % 2 ? 'F' : 'M',
        nationality_iso3: 'KEN',
        birth_year: '1980',
        contract_type: 'FIXED_TERM',
        geographical: 'true',
        ypp: 'false',
      }));
      expect(
        (await harness.importFile('staff-years', await file('staff.csv', staff))).summary,
      ).toMatchObject({ rejected: 0 });
      // An indicator whose name, and a figure whose quote and derivation, are hostile.
      const indicator = {
        code: 'hostile-indicator',
        name: HOSTILE[4],
        description: HOSTILE[0],
        outcome: 'diversity',
        subject: 'gender-parity',
        unit: 'percent',
        target_min: '',
        target_max: '',
        target_year: '',
        target_source: HOSTILE[3],
        baseline_period: '',
        baseline_value: '',
      };
      expect(
        (await harness.importFile('indicators', await file('indicators.csv', [indicator]))).summary,
      ).toMatchObject({ rejected: 0 });
      server = await harness.serve();
    }, 300_000);
    afterAll(async () => {
      await server?.stop();
      await harness?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const neutralised = (text: string) => `'${text}`;

    it('stores the text as given (trimmed, as every text column is) and answers it so in GraphQL and JSON', async () => {
      const answer = await harness.execute('{ entities { code name } }');
      const names = new Map(
        (answer.data?.entities as { code: string; name: string }[]).map((e) => [e.code, e.name]),
      );
      expect(names.get('-EVIL')).toBe(STORED[0]);
      expect(STORED.slice(1).map((_, i) => names.get(`EVIL${i + 1}`))).toEqual(STORED.slice(1));
    });

    it('prefixes every hostile cell of a saved query’s CSV, and leaves its JSON as stored', async () => {
      const registered = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer export-hr-token-1' },
        body: JSON.stringify({
          query: `mutation { registerSavedQuery(name: "entity-names", document: "query EntityNames { entities { code name } }") { name } }`,
        }),
      });
      expect(((await registered.json()) as { errors?: unknown }).errors).toBeUndefined();
      const csv = await (await fetch(`${server.origin}/api/entity-names?format=csv`)).text();
      const rows = parseCsv(csv, { columns: true, relax_column_count: false }) as {
        code: string;
        name: string;
      }[];
      const byCode = new Map(rows.map((row) => [row.code, row.name]));
      expect(byCode.get(neutralised('-EVIL'))).toBe(neutralised(STORED[0]));
      expect(STORED.slice(1).map((_, i) => byCode.get(`EVIL${i + 1}`))).toEqual(
        STORED.slice(1).map(neutralised),
      );
      // No cell of the file starts a formula once the quote is read as a spreadsheet reads it.
      for (const row of rows)
        for (const cell of Object.values(row))
          expect(cell).not.toMatch(/^[\s]*[=+\-@|\uFF1D\uFF0B]/);
      const json = (await (await fetch(`${server.origin}/api/entity-names`)).json()) as {
        code: string;
        name: string;
      }[];
      expect(json.find((row) => row.code === '-EVIL')?.name).toBe(STORED[0]);
    });

    it('prefixes the hostile indicator name in the indicators CSV', async () => {
      const csv = await (await fetch(`${server.origin}/api/indicators?format=csv`)).text();
      const rows = parseCsv(csv, { columns: true }) as { code: string; name: string }[];
      expect(rows.find((row) => row.code === 'hostile-indicator')?.name).toBe(
        neutralised(HOSTILE[4]),
      );
    });

    it('prefixes a code that starts with - in SDMX-CSV, and keeps it as is in SDMX-JSON', async () => {
      const path = '/sdmx/data/WORKFORCE/-EVIL.._T._T?startPeriod=2021&endPeriod=2021';
      const res = await fetch(`${server.origin}${path}`, {
        headers: { accept: 'application/vnd.sdmx.data+csv; version=2.0.0' },
      });
      expect(res.status).toBe(200);
      const rows = parseCsv(await res.text(), { columns: true }) as Record<string, string>[];
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((row) => row.ENTITY))).toEqual(new Set([neutralised('-EVIL')]));
      const message = (await (
        await fetch(`${server.origin}${path}`, {
          headers: { accept: 'application/vnd.sdmx.data+json; version=2.1.0' },
        })
      ).json()) as {
        data: {
          structures: { dimensions: { observation: { id: string; values: { id: string }[] }[] } }[];
        };
      };
      const entity = message.data.structures[0].dimensions.observation.find(
        (d) => d.id === 'ENTITY',
      );
      expect(entity?.values.map((v) => v.id)).toEqual(['-EVIL']);
    });
  },
);
