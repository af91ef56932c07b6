import { parse as parseCsv } from 'csv-parse/sync';
import { runCli } from '../../src/cli/main';
import { flatRows, toCsv } from '../../src/server/saved-queries';
import { startServer, type RunningServer } from '../../src/server/server';
import { silentLogger } from '../../src/shared/logging/logger';
import { cliEnv, databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

describe('server > saved queries > formats', () => {
  it('flattens nested objects with dots and neutralises spreadsheet formulas in CSV', () => {
    const rows = flatRows({
      memberStates: [
        {
          iso3: 'FRA',
          name: '=HYPERLINK("x")',
          representation: { status: 'WITHIN', lowerLimit: 1.5 },
        },
        { iso3: 'DEU', name: '+49', representation: null },
      ],
    });
    expect(rows[0]).toEqual({
      iso3: 'FRA',
      name: '=HYPERLINK("x")',
      'representation.status': 'WITHIN',
      'representation.lowerLimit': 1.5,
    });
    // A null object is a column of its own (empty), next to the columns of its fields.
    expect(toCsv(rows)).toBe(
      'iso3,name,representation.status,representation.lowerLimit,representation\r\n' +
        `FRA,"'=HYPERLINK(""x"")",WITHIN,1.5,\r\n` +
        "DEU,'+49,,,\r\n",
    );
    // A negative number stays a number; only text is neutralised.
    expect(toCsv([{ change: -2, note: '-2' }])).toBe("change,note\r\n-2,'-2\r\n");
  });
});

describe.each(databaseCases())('server > saved queries over HTTP > %s', (_name, database) => {
  let harness: Harness;
  let server: RunningServer;
  let apiKey = '';
  beforeAll(async () => {
    harness = await openHarness(database, {
      file: true,
      seedScale: 0.05,
      seedDatasets: ['dimensions', 'representation', 'staffing', 'indicators'],
    });
    const out: string[] = [];
    await runCli(
      [
        'node',
        'reformgraph',
        'keys',
        'create',
        '--role',
        'analyst',
        '--entity',
        'OCHA',
        '--label',
        'BI',
      ],
      {
        env: cliEnv(harness.config.database, '/tmp'),
        out: (text: string) => out.push(text),
      },
    );
    apiKey = /rgk_[A-Za-z0-9_-]+/.exec(out.join(''))?.[0] ?? '';
    server = await startServer(
      harness.dataSource,
      { ...harness.config, port: 0, host: '127.0.0.1' },
      silentLogger,
      harness.catalog,
    );
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await harness?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.origin}${path}`, { headers });

  it('lists the saved queries with their variables', async () => {
    const res = await get('/api');
    const list = (await res.json()) as {
      name: string;
      variables: { name: string; type: string }[];
    }[];
    expect(list.map((q) => q.name)).toEqual([
      'indicators',
      'representation-by-member-state',
      'time-to-recruit',
      'women-share-trend',
      'workforce-by-entity',
    ]);
    expect(list.find((q) => q.name === 'workforce-by-entity')?.variables).toEqual([
      { name: 'year', type: 'Int!', required: true },
      { name: 'entity', type: '[String!]', required: false },
    ]);
  });

  it('gives in CSV the numbers GraphQL gives for the same question', async () => {
    const res = await get('/api/workforce-by-entity?year=2021&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const csvRows = parseCsv(await res.text(), { columns: true }) as Record<string, string>[];
    const graphql = await harness.execute(
      '{ workforce(year: 2021, groupBy: [ENTITY]) { entityCode headcount women womenShare } }',
    );
    const cells = graphql.data?.workforce as {
      entityCode: string;
      headcount: number;
      women: number | null;
    }[];
    expect(csvRows.length).toBe(cells.length);
    for (const [i, cell] of cells.entries()) {
      expect(csvRows[i].entityCode).toBe(cell.entityCode);
      expect(Number(csvRows[i].headcount)).toBe(cell.headcount);
      expect(csvRows[i].women === '' ? null : Number(csvRows[i].women)).toBe(cell.women);
    }
    expect(res.headers.get('x-dataset-versions')).toMatch(/staffing=1/);
  });

  it('pages with a next link, revalidates with ETag, and answers JSON by default', async () => {
    const first = await get('/api/representation-by-member-state?year=2021&limit=50');
    const rows = (await first.json()) as Record<string, unknown>[];
    expect(rows).toHaveLength(50);
    expect(rows[0]).toHaveProperty(['representation.status']);
    const link = first.headers.get('link');
    expect(link).toMatch(/offset=50/);
    const nextPath = /<([^>]+)>; rel="next"/.exec(link ?? '')?.[1] ?? '';
    const second = (await (await get(nextPath)).json()) as Record<string, unknown>[];
    expect(second[0].iso3).not.toBe(rows[0].iso3);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await get('/api/representation-by-member-state?year=2021&limit=50', {
      'if-none-match': etag,
    });
    expect(again.status).toBe(304);
  });

  it('authenticates with an api_key on the URL and keeps the key’s scope', async () => {
    const scoped = await get(`/api/workforce-by-entity?year=2021&api_key=${apiKey}`);
    expect(scoped.status).toBe(200);
    const rows = (await scoped.json()) as { entityCode: string }[];
    expect(rows.map((r) => r.entityCode)).toEqual(['OCHA']);
    const outside = await get(`/api/workforce-by-entity?year=2021&entity=DESA&api_key=${apiKey}`);
    expect(outside.status).toBe(403);
    const wrong = await get('/api/workforce-by-entity?year=2021&api_key=rgk_nope_nope');
    expect(wrong.status).toBe(401);
  });

  it('refuses unknown queries, unknown parameters and bad values with clear 4xx errors', async () => {
    expect((await get('/api/nope')).status).toBe(404);
    const unknown = await get('/api/workforce-by-entity?year=2021&yeer=2020');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toMatch(
      /Unknown parameter yeer: workforce-by-entity takes year \(Int!\), entity/,
    );
    expect((await get('/api/workforce-by-entity?year=abc')).status).toBe(400);
    expect((await get('/api/workforce-by-entity')).status).toBe(400);
    expect((await get('/api/workforce-by-entity?year=2021&format=xml')).status).toBe(400);
  });

  it('serves every saved query without errors', async () => {
    for (const path of [
      '/api/indicators',
      '/api/women-share-trend',
      '/api/time-to-recruit?format=csv',
      '/api/indicators?outcome=DIVERSITY,AGILITY&format=csv',
    ]) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 200]);
    }
  });
});
