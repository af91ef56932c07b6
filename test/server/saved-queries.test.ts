import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { projectRoot } from '../../src/shared/project-root';
import { runCli } from '../../src/cli/main';
import type { GraphQLSchema } from 'graphql';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { buildAppSchema } from '../../src/server/schema';
import { flatRows, toCsv, type FlatShape } from '../../src/shared/export/flat-table';
import { createCatalog } from '../../src/shared/modules/catalog';
import { SavedQueryOrigin, compileSavedQuery } from '../../src/shared/saved-queries/saved-query';
import { spreadsheetSafe } from '../../src/shared/export/spreadsheet-safe';
import type { RunningServer } from '../../src/server/server';
import { cliEnv, databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';
import { statementsServed } from '../support/hub-metrics';
import { redisAvailable, startRedis } from '../support/redis-server';
import type { Config } from '../../src/config/config';

describe('server > saved queries > formats', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema(createCatalog(DATASET_MODULES));
  });
  const shapeOf = (document: string): FlatShape => {
    const shape = compileSavedQuery(schema, 'probe', document, {
      origin: SavedQueryOrigin.REGISTERED,
      owner: null,
      registeredAt: null,
    }).shape;
    if (!shape) throw new Error('no shape');
    return shape;
  };

  it('takes the columns from the selection set, so empty, partial and full answers have one header', () => {
    const shape = shapeOf(`query Q { indicators { code latest { period value } ...T } }
      fragment T on Indicator { target { min max year } }`);
    const empty = toCsv(shape, flatRows(shape, { indicators: [] }));
    const partial = flatRows(shape, { indicators: [{ code: 'a', latest: null, target: null }] });
    const full = flatRows(shape, {
      indicators: [
        {
          code: 'b',
          latest: { period: '2021', value: 42.2 },
          target: { min: 47, max: 53, year: 2028 },
        },
      ],
    });
    const header = 'code,latest.period,latest.value,target.min,target.max,target.year\r\n';
    expect(empty).toBe(header);
    expect(toCsv(shape, partial)).toBe(`${header}a,,,,,\r\n`);
    expect(toCsv(shape, full)).toBe(`${header}b,2021,42.2,47,53,2028\r\n`);
    // JSON rows have every column too, in the same order, whatever is null.
    expect(Object.keys(partial[0])).toEqual(Object.keys(full[0]));
    expect(partial[0]).toEqual({
      code: 'a',
      'latest.period': null,
      'latest.value': null,
      'target.min': null,
      'target.max': null,
      'target.year': null,
    });
    // Aliases name columns; a summary's cells are the rows.
    const cells = shapeOf('{ engagement(wave: 2021) { cells { respondents n: favourable } } }');
    expect(cells.columns.map((c) => c.name)).toEqual(['respondents', 'n']);
  });

  it('neutralises spreadsheet formulas in CSV, and a negative number stays a number', () => {
    const shape = shapeOf('{ entities { code name } }');
    const csv = (rows: { code: unknown; name: unknown }[]) =>
      toCsv(shape, flatRows(shape, { entities: rows }));
    expect(csv([{ code: -2, name: '-2' }])).toBe("code,name\r\n-2,'-2\r\n");

    // Every formula start of OWASP's list and its wider forms, in the CSV and SDMX-CSV exports.
    const hostile = [
      '=1+1',
      '+1',
      '-1',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
      '|calc',
      '%0A=1',
      '\uFF1D1+1',
      '\uFF0B1',
      '\uFF0D1',
      '\uFF20SUM(A1)',
      '  =1+1',
      '=HYPERLINK("http://evil.example/x","click")',
    ];
    const exported = parseCsv(csv(hostile.map((name) => ({ code: 'X', name }))), {
      columns: true,
    }) as { name: string }[];
    expect(exported.map((row) => row.name)).toEqual(hostile.map((text) => `'${text}`));
    expect(spreadsheetSafe('OCHA')).toBe('OCHA');
    expect(spreadsheetSafe('a=b')).toBe('a=b');
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
      env: { API_TOKENS: 'saved-hr-token=hr,saved-analyst-token=analyst' },
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
    server = await harness.serve();
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

  it('serves a saved query the response cache holds with no SQL: the same bytes and ETag, each page and caller its own', async () => {
    const path = '/api/workforce-by-entity?year=2019&format=csv';
    const fetchCounted = async (url: string, headers: Record<string, string> = {}) => {
      const before = await statementsServed(server.origin);
      const res = await get(url, headers);
      const text = await res.text();
      return {
        status: res.status,
        text,
        etag: res.headers.get('etag'),
        versions: res.headers.get('x-dataset-versions'),
        statements: (await statementsServed(server.origin)) - before,
      };
    };
    const first = await fetchCounted(path);
    expect(first.status).toBe(200);
    expect(first.statements).toBeGreaterThan(0);
    const again = await fetchCounted(path);
    expect(again).toEqual({ ...first, statements: 0 });
    // Another page of the same answer: from the same entry, its own rows and ETag.
    const rows = parseCsv(first.text, { columns: true }) as Record<string, string>[];
    const page = await fetchCounted(`${path}&limit=3&offset=2`);
    expect(page.statements).toBe(0);
    expect(parseCsv(page.text, { columns: true })).toEqual(rows.slice(2, 5));
    expect(page.etag).not.toBe(first.etag);
    expect((await fetchCounted(`${path}&limit=3&offset=2`)).text).toBe(page.text);
    // Another role is its own entry: read, not served from the public's.
    const hr = await fetchCounted(path, { authorization: 'Bearer saved-hr-token' });
    expect(hr.statements).toBeGreaterThan(0);
    expect((await fetchCounted(path, { authorization: 'Bearer saved-hr-token' })).statements).toBe(
      0,
    );
    // A credential that does not verify is refused, not served from the cache.
    expect((await get(path, { authorization: 'Bearer wrong-token-0000' })).status).toBe(401);
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

  it('gives every saved query the CSV header its document declares, whatever the data', async () => {
    const schema = await buildAppSchema(harness.catalog);
    const list = (await (await get('/api')).json()) as {
      name: string;
      variables: { name: string; required: boolean }[];
    }[];
    for (const { name, variables } of list) {
      const query = new URLSearchParams({ format: 'csv' });
      for (const v of variables) if (v.required) query.set(v.name, '2021');
      const res = await get(`/api/${name}?${query.toString()}`);
      expect([name, res.status]).toEqual([name, 200]);
      const header = (await res.text()).split('\r\n')[0];
      const document = readFileSync(join(projectRoot(), 'queries', `${name}.graphql`), 'utf8');
      const shape = compileSavedQuery(schema, name, document, {
        origin: SavedQueryOrigin.REPOSITORY,
        owner: null,
        registeredAt: null,
      }).shape;
      // The header of an empty answer: the document's, not the data's.
      expect([name, header]).toEqual([name, toCsv(shape!, []).split('\r\n')[0]]);
    }
    const indicators = (await (await get('/api/indicators?format=csv')).text()).split('\r\n')[0];
    expect(indicators).toBe(
      'code,name,outcome,unit,latest.period,latest.value,target.min,target.max,target.year,status.status,status.projectionYear,status.projectedValue',
    );
    const json = (await (await get('/api/indicators')).json()) as Record<string, unknown>[];
    expect(new Set(json.map((row) => Object.keys(row).join(',')))).toEqual(new Set([indicators]));
  });

  it('answers any GraphQL query as CSV or flat JSON rows, equal to its JSON cells, as the caller', async () => {
    const query =
      '{ workforce(year: 2021, groupBy: [ENTITY], filter: { gradeCategories: [PROFESSIONAL_AND_HIGHER] }) { entityCode womenShare disclosure } }';
    const cells = (await harness.execute(query)).data?.workforce as Record<string, unknown>[];
    expect(cells.length).toBeGreaterThan(3);
    const expected = cells.map((cell) => ({
      entityCode: String(cell.entityCode),
      womenShare: cell.womenShare === null ? '' : String(cell.womenShare),
      disclosure: String(cell.disclosure),
    }));
    // curl -H 'accept: text/csv' 'http://…/graphql?query=…' (no CSRF header: no cookie is used).
    const get = await fetch(`${server.url}?query=${encodeURIComponent(query)}`, {
      headers: { accept: 'text/csv' },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(parseCsv(await get.text(), { columns: true })).toEqual(expected);
    const post = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/csv' },
      body: JSON.stringify({ query }),
    });
    expect(parseCsv(await post.text(), { columns: true })).toEqual(expected);
    // JSON rows, and the caller's scope: the OCHA key sees OCHA only.
    const rows = await fetch(
      `${server.url}?format=rows&query=${encodeURIComponent(query)}&api_key=${apiKey}`,
    );
    expect(rows.status).toBe(200);
    expect(((await rows.json()) as { entityCode: string }[]).map((r) => r.entityCode)).toEqual([
      'OCHA',
    ]);
    // What cannot be a table is a 4xx that says why; a JSON client still gets GraphQL.
    const mutation = await fetch(
      `${server.url}?format=csv&query=${encodeURIComponent('mutation { deleteSavedQuery(name: "x") }')}`,
    );
    expect(mutation.status).toBe(405);
    for (const bad of ['{ workforce(', '{ workforce(year: "x") { headcount } }']) {
      const res = await fetch(`${server.url}?format=csv&query=${encodeURIComponent(bad)}`);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(
        ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions
          .code,
      ).toBe('BAD_USER_INPUT');
    }
    expect((await fetch(`${server.url}?format=xml&query=%7B__typename%7D`)).status).toBe(400);
    const json = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(((await json.json()) as { data: unknown }).data).toEqual({ workforce: cells });
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

  describe('BI tools, as docs/operations.md tells them to connect', () => {
    const readme = readFileSync(join(projectRoot(), 'docs', 'operations.md'), 'utf8');
    const onServer = (url: string) => url.replace('http://hub.example.org:4000', server.origin);

    it('Power Query: the M snippet’s URL, query record and api_key give CSV that parses', async () => {
      const m =
        /Web\.Contents\(\s*"([^"]+)",\s*\[Query = \[([^\]]+)\], ApiKeyName = "(\w+)"\]/.exec(
          readme,
        );
      expect(m).not.toBeNull();
      const [, url, record, keyName] = m as RegExpExecArray;
      const query = new URLSearchParams(
        Object.fromEntries(
          [...record.matchAll(/(\w+) = "([^"]*)"/g)].map(([, name, value]) => [name, value]),
        ),
      );
      query.set(keyName, apiKey); // what Power BI adds for a "Web API" credential
      const res = await fetch(`${onServer(url)}?${query.toString()}`, {
        headers: { 'user-agent': 'Microsoft.Data.Mashup', accept: '*/*' },
      });
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      // Csv.Document with Encoding 65001 and Table.PromoteHeaders: UTF-8, first row the header.
      const rows = parseCsv(bytes.toString('utf8'), { columns: true }) as Record<string, string>[];
      expect(rows.length).toBeGreaterThan(0);
      expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['entityCode', 'headcount']));
      expect(rows.every((row) => row.entityCode === 'OCHA')).toBe(true); // the key's scope
    });

    it('Grafana Infinity: the URL with api_key as a query parameter gives flat JSON rows', async () => {
      const url = /```\n(http:\/\/hub\.example\.org:4000\/api\/women-share-trend)\n```/.exec(
        readme,
      )?.[1];
      expect(url).toBeDefined();
      const res = await fetch(`${onServer(String(url))}?api_key=${apiKey}`, {
        headers: { 'user-agent': 'Grafana/11.3.0', accept: 'application/json' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const rows = (await res.json()) as Record<string, unknown>[];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(typeof row.year).toBe('number');
        expect(Object.values(row).every((v) => v === null || typeof v !== 'object')).toBe(true);
      }
    });

    it('Tableau: the curl command fetches a CSV file with a bearer key', async () => {
      const command = /curl -fsS -H 'authorization: Bearer rgk_…' -o (\S+) '([^']+)'/.exec(readme);
      expect(command).not.toBeNull();
      const [, file, url] = command as RegExpExecArray;
      const res = await fetch(onServer(url), {
        headers: { authorization: `Bearer ${apiKey}`, 'user-agent': 'curl/8.5.0', accept: '*/*' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toContain(`filename="${file}"`);
      const rows = parseCsv(await res.text(), { columns: true }) as Record<string, string>[];
      expect(rows.find((r) => r.code === 'women-share-p-fs')?.['latest.value']).toBe('42.2');
    });
  });

  describe('registered by hr users', () => {
    const graphql = async (query: string, token: string, variables = {}) => {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as {
        data?: Record<string, { name: string; origin: string; path: string }> | null;
        errors?: { message: string; extensions: { code: string } }[];
      };
    };
    const REGISTER = `mutation Register($name: String!, $document: String!, $replace: Boolean) {
      registerSavedQuery(name: $name, document: $document, replace: $replace) { name origin path }
    }`;
    const DOCUMENT = `# Headcount by grade category for a year.
      query GradeHeadcount($year: Int!) {
        workforce(year: $year, groupBy: [GRADE_CATEGORY]) { gradeCategory headcount }
      }`;

    it('registers a query that is then served at its URL, listed, and deleted', async () => {
      const refused = await graphql(REGISTER, 'saved-analyst-token', {
        name: 'grade-headcount',
        document: DOCUMENT,
      });
      expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const registered = await graphql(REGISTER, 'saved-hr-token', {
        name: 'grade-headcount',
        document: DOCUMENT,
      });
      expect(registered.errors).toBeUndefined();
      expect(registered.data?.registerSavedQuery).toEqual({
        name: 'grade-headcount',
        origin: 'REGISTERED',
        path: '/api/grade-headcount',
      });
      const listed = (await (await get('/api')).json()) as { name: string; origin: string }[];
      expect(listed.find((q) => q.name === 'grade-headcount')?.origin).toBe('REGISTERED');
      const csv = await get('/api/grade-headcount?year=2021&format=csv');
      expect(csv.status).toBe(200);
      const rows = parseCsv(await csv.text(), { columns: true }) as Record<string, string>[];
      const direct = await harness.execute(
        '{ workforce(year: 2021, groupBy: [GRADE_CATEGORY]) { gradeCategory headcount } }',
      );
      expect(rows.map((r) => [r.gradeCategory, Number(r.headcount)])).toEqual(
        (direct.data?.workforce as { gradeCategory: string; headcount: number }[]).map((c) => [
          c.gradeCategory,
          c.headcount,
        ]),
      );
      const again = await graphql(REGISTER, 'saved-hr-token', {
        name: 'grade-headcount',
        document: DOCUMENT,
      });
      expect(again.errors?.[0].message).toMatch(/registered already: pass replace: true/);
      const removed = await graphql(
        'mutation { deleteSavedQuery(name: "grade-headcount") }',
        'saved-hr-token',
      );
      expect(removed.data?.deleteSavedQuery).toBe(true);
      expect((await get('/api/grade-headcount?year=2021')).status).toBe(404);
    });

    it('serves a registered query the response cache holds with no SQL, as the full path does, in front of Express', async () => {
      await graphql(REGISTER, 'saved-hr-token', { name: 'grade-held', document: DOCUMENT });
      const read = async (headers: Record<string, string> = {}) => {
        const before = await statementsServed(server.origin);
        const res = await get('/api/grade-held?year=2020&format=csv', headers);
        const text = await res.text();
        const kept: [string, string][] = [];
        res.headers.forEach((value, name) => {
          if (name !== 'date' && name !== 'x-request-id') kept.push([name, value]);
        });
        return {
          status: res.status,
          text,
          headers: Object.fromEntries(kept),
          statements: (await statementsServed(server.origin)) - before,
        };
      };
      const first = await read(); // computed by GraphQL
      expect(first.status).toBe(200);
      expect(first.statements).toBeGreaterThan(0);
      // Held: no statement, not even to find the registered query; the same bytes and headers.
      const again = await read();
      expect(again).toEqual({ ...first, statements: 0 });
      const etag = first.headers.etag;
      expect(await read({ 'if-none-match': etag })).toMatchObject({ status: 304, statements: 0 });
      // A parameter the URL refuses is refused as before, with the full path's message.
      const bad = await get('/api/grade-held?year=2020&format=xml');
      expect([
        bad.status,
        ((await bad.json()) as { errors: { message: string }[] }).errors[0].message,
      ]).toEqual([400, 'format must be json or csv.']);
      await graphql('mutation { deleteSavedQuery(name: "grade-held") }', 'saved-hr-token');
      expect((await get('/api/grade-held?year=2020&format=csv')).status).toBe(404);
    });

    it('another process finds a registration at once, and a replacement or deletion within its poll', async () => {
      // A second server over the same database, with its own registry: another process.
      const other = await harness.serve((config) => ({
        ...config,
        sqliteReadThreads: 0,
        cache: { ...config.cache, versionPollMs: 100 },
      }));
      const at = async (path: string) => {
        const res = await fetch(`${other.origin}${path}`);
        return { status: res.status, text: await res.text() };
      };
      try {
        await graphql(REGISTER, 'saved-hr-token', { name: 'grade-moved', document: DOCUMENT });
        const first = await at('/api/grade-moved?year=2021&format=csv');
        expect(first.status).toBe(200);
        expect(first.text.split('\r\n')[0]).toBe('gradeCategory,headcount');
        const replaced = await graphql(REGISTER, 'saved-hr-token', {
          name: 'grade-moved',
          replace: true,
          document: DOCUMENT.replace('GRADE_CATEGORY', 'GENDER').replace('gradeCategory', 'gender'),
        });
        expect(replaced.errors).toBeUndefined();
        await new Promise((resolve) => setTimeout(resolve, 400));
        const moved = await at('/api/grade-moved?year=2021&format=csv');
        expect(moved.text.split('\r\n')[0]).toBe('gender,headcount');
        await graphql('mutation { deleteSavedQuery(name: "grade-moved") }', 'saved-hr-token');
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect((await at('/api/grade-moved?year=2021&format=csv')).status).toBe(404);
      } finally {
        await other.stop();
      }
    });

    const itWithRedis = redisAvailable() ? it : it.skip;
    itWithRedis(
      'with Redis, another process sees a replacement or deletion at once, not at its poll',
      async () => {
        const redis = await startRedis();
        // Two processes sharing Redis, whose polls would take a minute: only Redis can tell them.
        const withRedis = (config: Config): Config => ({
          ...config,
          sqliteReadThreads: 0,
          cache: { ...config.cache, redisUrl: redis.url, versionPollMs: 60_000 },
        });
        const one = await harness.serve(withRedis);
        const two = await harness.serve(withRedis);
        const register = (variables: Record<string, unknown>) =>
          fetch(one.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer saved-hr-token' },
            body: JSON.stringify({ query: REGISTER, variables }),
          });
        /** The CSV header the second process answers with, once it differs from `before`. */
        const headerAfter = async (before: string | null): Promise<string | null> => {
          for (let attempt = 0; attempt < 40; attempt += 1) {
            const res = await fetch(`${two.origin}/api/grade-noticed?year=2021&format=csv`);
            const header = res.status === 404 ? null : (await res.text()).split('\r\n')[0];
            if (header !== before) return header;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          return before;
        };
        try {
          await register({ name: 'grade-noticed', document: DOCUMENT });
          expect(await headerAfter(null)).toBe('gradeCategory,headcount');
          await register({
            name: 'grade-noticed',
            replace: true,
            document: DOCUMENT.replace('GRADE_CATEGORY', 'GENDER').replace(
              'gradeCategory',
              'gender',
            ),
          });
          expect(await headerAfter('gradeCategory,headcount')).toBe('gender,headcount');
          await fetch(one.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer saved-hr-token' },
            body: JSON.stringify({ query: 'mutation { deleteSavedQuery(name: "grade-noticed") }' }),
          });
          expect(await headerAfter('gender,headcount')).toBeNull();
        } finally {
          await one.stop();
          await two.stop();
          await redis.dispose();
        }
      },
    );

    it('refuses names of the repository, bad names, invalid documents and mutations', async () => {
      const cases: [Record<string, string>, RegExp][] = [
        [{ name: 'indicators', document: DOCUMENT }, /saved query of the repository/],
        [{ name: 'Bad Name', document: DOCUMENT }, /lower-case words joined by hyphens/],
        [{ name: 'broken', document: '{ workforce { nope } }' }, /does not validate: .*nope/],
        [{ name: 'broken', document: '{ workforce(' }, /does not parse/],
        [
          { name: 'sneaky', document: 'mutation { deleteSavedQuery(name: "x") }' },
          /must hold one query operation/,
        ],
      ];
      for (const [variables, message] of cases) {
        const answer = await graphql(REGISTER, 'saved-hr-token', variables);
        expect([variables.name, answer.errors?.[0].extensions.code]).toEqual([
          variables.name,
          'BAD_USER_INPUT',
        ]);
        expect(answer.errors?.[0].message).toMatch(message);
      }
      const list = await graphql('{ savedQueries { name } }', 'saved-analyst-token');
      expect(list.data?.savedQueries).toHaveLength(5);
    });
  });
});
