import { loadConfig } from '../../src/config/config';
import { startServer, type RunningServer } from '../../src/server/server';
import { silentLogger } from '../../src/shared/logging/logger';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

interface Answer {
  status: number;
  code: string | undefined;
  message: string;
}

/**
 * The hostile and careless requests of the hardening issue (#14), each answered 4xx with a clear
 * code before anything runs, never 500; and afterwards nothing stored has changed.
 */
describe.each(databaseCases())('server > bad input > %s', (_name, database) => {
  let harness: Harness;
  let server: RunningServer;
  let production: RunningServer;
  let before: unknown;

  const storedState = async () =>
    (await harness.execute('{ datasets { name version rowCount } savedQueries { name } }')).data;

  beforeAll(async () => {
    harness = await openHarness(database, {
      file: true,
      seedScale: 0.02,
      seedDatasets: ['dimensions', 'staffing'],
      env: { API_TOKENS: 'bad-input-hr-token=hr' },
    });
    const listen = { port: 0, host: '127.0.0.1' };
    server = await harness.serve();
    const productionConfig = loadConfig({ NODE_ENV: 'production' });
    production = await startServer(
      harness.dataSource,
      {
        ...harness.config,
        ...listen,
        limits: productionConfig.limits,
        auth: productionConfig.auth,
        apiTokens: '',
      },
      silentLogger,
      harness.catalog,
    );
    before = await storedState();
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await production?.stop();
    await harness?.close();
  });

  const send = async (
    init: { body?: string; method?: string; headers?: Record<string, string>; url?: string },
    target: RunningServer = server,
  ): Promise<Answer> => {
    const res = await fetch(init.url ?? target.url, {
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body,
    });
    const text = await res.text();
    let body: { errors?: { message: string; extensions?: { code?: string } }[] } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // not JSON: the status says it all
    }
    return {
      status: res.status,
      code: body.errors?.[0]?.extensions?.code,
      message: body.errors?.[0]?.message ?? text.slice(0, 200),
    };
  };
  const query = (text: string, variables?: Record<string, unknown>, target?: RunningServer) =>
    send({ body: JSON.stringify({ query: text, variables }) }, target);
  const aliases = (n: number, field: string) =>
    `{ ${Array.from({ length: n }, (_v, i) => `a${i}: ${field}`).join(' ')} }`;

  it('refuses 250 aliases of a fine-grained aggregate, and 2,000 of a small one', async () => {
    const heavy = await query(
      aliases(250, 'workforce(year: 2021, groupBy: [ENTITY, GRADE, NATIONALITY]) { headcount }'),
    );
    expect([heavy.status, heavy.code]).toEqual([400, 'BAD_USER_INPUT']);
    const many = await query(aliases(2000, 'workforce(year: 2021) { headcount }'));
    expect([many.status, many.code]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('counts an aggregate by the groups it touches: a few fine-grained aliases are too costly', async () => {
    const five = await query(
      aliases(5, 'workforce(year: 2021, groupBy: [ENTITY, GRADE, NATIONALITY]) { headcount }'),
    );
    expect([five.status, five.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(five.message).toMatch(/too complex: cost \d+, limit 5000/);
    const coarse = await query(
      aliases(20, 'workforce(year: 2021, groupBy: [GENDER]) { headcount }'),
    );
    expect(coarse.status).toBe(200);
  });

  it('costs a document once per variables: the same text is refused again, and its cost follows its variables', async () => {
    const doc = `query Q($g: [WorkforceDimension!]!) { ${Array.from(
      { length: 5 },
      (_v, i) => `a${i}: workforce(year: 2021, groupBy: $g) { headcount }`,
    ).join(' ')} }`;
    const fine = ['ENTITY', 'GRADE', 'NATIONALITY'];
    for (let i = 0; i < 2; i++) {
      const refused = await query(doc, { g: fine });
      expect([refused.status, refused.code]).toEqual([400, 'BAD_USER_INPUT']);
      expect(refused.message).toMatch(/too complex/);
      const coarse = await query(doc, { g: ['GENDER'] });
      expect(coarse.status).toBe(200);
    }
    // A list written in the document is checked whichever way the document is sent again.
    const long = `{ entities(codes: [${Array.from({ length: 2000 }, () => '"X"').join(',')}]) { code } }`;
    for (let i = 0; i < 2; i++) expect((await query(long)).code).toBe('BAD_USER_INPUT');
  });

  it('refuses a fragment that spreads itself, and depth bombs', async () => {
    const cycle = await query('query { entities { ...A } } fragment A on Entity { code ...A }');
    expect([cycle.status, cycle.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(cycle.message).toMatch(/Cannot spread fragment "A" within itself/);
    const deep = await query(`{ entities { ${'parent { '.repeat(30)}code${' }'.repeat(30)} } }`);
    expect([deep.status, deep.code]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('answers variables of the wrong type 400 BAD_USER_INPUT', async () => {
    const doc =
      'query ($year: Int!, $g: [GradeCategory!]) { workforce(year: $year, filter: { gradeCategories: $g }) { headcount } }';
    for (const variables of [{ year: 'x' }, { year: 2021.5 }, { year: 2021, g: ['NOPE'] }, {}]) {
      const answer = await query(doc, variables);
      expect([JSON.stringify(variables), answer.status, answer.code]).toEqual([
        JSON.stringify(variables),
        400,
        'BAD_USER_INPUT',
      ]);
    }
  });

  it('refuses 40,000 fields by their tokens, and documents over the size limit', async () => {
    const typenames = await query(`{ ${'__typename '.repeat(40_000)}}`);
    expect([typenames.status, typenames.code]).toEqual([400, 'BAD_USER_INPUT']);
    const long = await query(`{ __typename }${' '.repeat(30_000)}`);
    expect([long.status, long.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(long.message).toMatch(/longer than 20000 characters/);
    const huge = await query(`{ __typename }${' '.repeat(1_100_000)}`);
    expect([huge.status, huge.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('caps list arguments and strings before they reach the database, and never echoes them whole', async () => {
    const doc =
      'query ($codes: [String!]) { workforce(filter: { entityCodes: $codes }) { headcount } }';
    const lots = await query(doc, { codes: Array.from({ length: 100_000 }, (_v, i) => `E${i}`) });
    expect([lots.status, lots.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(lots.message).toMatch(/lists hold at most 1000 values/);
    const inline = await query(
      `{ entities(codes: [${Array.from({ length: 1500 }, (_v, i) => `"E${i}"`).join(',')}]) { code } }`,
    );
    expect([inline.status, inline.code]).toEqual([400, 'BAD_USER_INPUT']);
    const echo = await query(`{ entity(code: "${'x'.repeat(15_000)}") { code } }`);
    expect(echo.status).toBeLessThan(500);
    expect(echo.message.length).toBeLessThan(600);
    const enumEcho = await query(`{ workforce(groupBy: [${'X'.repeat(15_000)}]) { headcount } }`);
    expect([enumEcho.status, enumEcho.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(enumEcho.message.length).toBeLessThan(600);
  });

  it('refuses directive floods and batched arrays', async () => {
    const flood = await query(`{ __typename ${'@skip(if: false) '.repeat(50)}}`);
    expect([flood.status, flood.code]).toEqual([400, 'BAD_USER_INPUT']);
    const batch = await send({
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(batch.status).toBe(400);
  });

  it('answers a year outside 1945-2100 in any period argument, filter or range as BAD_USER_INPUT naming it', async () => {
    const cases: [string, string][] = [
      ['{ workforce(year: 99999) { headcount } }', 'year'],
      ['{ workforce(year: -5, groupBy: [ENTITY]) { headcount } }', 'year'],
      ['{ workforce(filter: { years: [2021, 1800] }, groupBy: [YEAR]) { headcount } }', 'years'],
      ['{ recruitment(filter: { yearFrom: 3000 }) { recruitments } }', 'yearFrom'],
      ['{ engagement(wave: 20211) { cells { respondents } } }', 'wave'],
      ['{ learning(year: 0) { completions } }', 'year'],
      ['{ entities(codes: ["DESA"]) { workforce(year: 12021) { headcount } } }', 'year'],
      ['{ representationSummary(year: 99999) { status } }', 'year'],
      ['{ representationTrend(yearFrom: 1000, yearTo: 1010) { status } }', 'yearFrom'],
    ];
    for (const [query, field] of cases) {
      const result = await harness.execute(query);
      expect([query, result.errors?.[0]?.extensions]).toEqual([
        query,
        expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      ]);
      expect(result.errors?.[0]?.message).toMatch(/must be a year between 1945 and 2100/);
    }
    // A year without data is not a mistake: it answers, with nothing in it, and says which years
    // the data hold (not "fewer than 5 units").
    const empty = await harness.execute(
      '{ workforce(year: 2090) { headcount suppressionReason } }',
    );
    expect(empty.errors).toBeUndefined();
    expect(empty.data?.workforce).toEqual([
      {
        headcount: null,
        suppressionReason: 'No workforce data for year 2090: the hub holds data for 2016-2022.',
      },
    ]);
    // A year the data hold keeps the usual answer.
    const held = await harness.execute('{ workforce(year: 2021) { suppressionReason } }');
    expect(
      (held.data?.workforce as { suppressionReason: string | null }[])[0].suppressionReason,
    ).toBeNull();
  });

  it('refuses GET mutations, text/plain and malformed JSON, and bad tokens', async () => {
    const mutation = encodeURIComponent('mutation { deleteSavedQuery(name: "x") }');
    const get = await send({
      method: 'GET',
      url: `${server.url}?query=${mutation}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(405);
    const plain = await send({ body: '{ __typename }', headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(400);
    const malformed = await send({ body: '{"query": "{ __typename }"' });
    expect([malformed.status, malformed.code]).toEqual([400, 'BAD_USER_INPUT']);
    const token = await send({
      body: JSON.stringify({ query: '{ __typename }' }),
      headers: { authorization: 'Bearer not-a-token-at-all' },
    });
    expect([token.status, token.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('in production: no introspection, no suggestions, no limits named', async () => {
    const schema = await query('{ __schema { types { name } } }', undefined, production);
    expect([schema.status, schema.code]).toEqual([400, 'BAD_USER_INPUT']);
    const typo = await query('{ workforc { headcount } }', undefined, production);
    expect(typo.status).toBe(400);
    expect(typo.message).not.toMatch(/Did you mean/);
    const typoDev = await query('{ workforc { headcount } }');
    expect(typoDev.message).toMatch(/Did you mean "workforce"/);
    const costly = await query(
      aliases(5, 'workforce(year: 2021, groupBy: [ENTITY, GRADE, NATIONALITY]) { headcount }'),
      undefined,
      production,
    );
    expect([costly.status, costly.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(costly.message).not.toMatch(/\d/);
  });

  it('changed nothing stored', async () => {
    expect(await storedState()).toEqual(before);
  });
});
