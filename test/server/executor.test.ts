import type { RunningServer } from '../../src/server/server';
import { databaseCases } from '../support/databases';
import { documentationFiles, readDocumentation } from '../support/documentation';
import { openHarness, type Harness } from '../support/harness';
import { statementsServed } from '../support/hub-metrics';

/** Every query of the documentation, with the role its `# role:` line names. */
const documented = documentationFiles().flatMap((file) =>
  [...readDocumentation(file).matchAll(/```graphql\n((?:(?!```)[\s\S])*)```/g)].map((m) => ({
    label: `${file} ${/^\s*(?:query|mutation)\s+(\w+)/m.exec(m[1])?.[1] ?? 'anonymous'}`,
    query: m[1],
    role: /^# role: (\w+)/.exec(m[1])?.[1]?.toLowerCase() ?? 'public',
  })),
);

/** What the graph does besides answering: errors, variables, lazy counts, references, paging. */
const edges = [
  { label: 'an unknown entity', query: '{ entity(code: "NOPE") { code } }', role: 'public' },
  {
    label: 'a row list with its lazy count, by hr',
    query:
      '{ staffRecords(first: 3, filter: { years: [2021] }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { staffId gradeCode entity { code name } } } } }',
    role: 'hr',
  },
  {
    label: 'the next page after a cursor that is not one',
    query: '{ staffRecords(first: 3, after: "bm9wZQ") { totalCount } }',
    role: 'hr',
  },
  {
    label: 'rows the public may not read',
    query: '{ staffRecords { totalCount } }',
    role: 'public',
  },
  {
    label: 'variables of the wrong type',
    query: 'query Q($year: Int!) { workforce(year: $year) { headcount } }',
    role: 'public',
    variables: { year: 'x' },
  },
  {
    label: 'a missing variable',
    query: 'query Q($year: Int!) { workforce(year: $year) { headcount } }',
    role: 'public',
    variables: {},
  },
  {
    label: 'variables and fragments',
    query:
      'query Q($y: Int!, $g: [WorkforceDimension!]!) { workforce(year: $y, groupBy: $g) { ...W } } fragment W on WorkforceCell { gender headcount womenShare }',
    role: 'analyst',
    variables: { y: 2021, g: ['GENDER'] },
  },
  {
    label: 'federation references',
    query:
      '{ _entities(representations: [{ __typename: "Entity", code: "OCHA" }, { __typename: "Entity", code: "NOPE" }]) { ... on Entity { code name } } }',
    role: 'public',
  },
  { label: 'the subgraph SDL', query: '{ _service { sdl } }', role: 'public' },
  {
    label: '__typename and skip',
    query: '{ __typename entities @skip(if: true) { code } }',
    role: 'public',
  },
];

const TOKENS = 'analyst-executor-t=analyst,hr-executor-t=hr,conduct-executor-t=conduct';

/**
 * GRAPHQL_EXECUTOR=jit (graphql-jit, compiled once per document; the default) and graphql-js
 * answer alike (#26): every query of the documentation and the edges above give the same status,
 * body (data, errors, extensions) and SQL statements on both, over HTTP, for the role each names;
 * the one difference allowed is the wording of a variable's coercion error (same code, status).
 */
describe.each(databaseCases())('server > compiled executor > %s', (_name, database) => {
  let harness: Harness;
  let jit: RunningServer;
  let graphqlJs: RunningServer;

  beforeAll(async () => {
    harness = await openHarness(database, { seedScale: 0.1, env: { API_TOKENS: TOKENS } });
    const uncached = { enabled: false };
    jit = await harness.serve((config) => ({
      ...config,
      executor: 'jit',
      cache: { ...config.cache, ...uncached },
    }));
    graphqlJs = await harness.serve((config) => ({
      ...config,
      executor: 'graphql-js',
      cache: { ...config.cache, ...uncached },
    }));
  }, 300_000);
  afterAll(async () => {
    await jit?.stop();
    await graphqlJs?.stop();
    await harness?.close();
  });

  const ask = async (
    server: RunningServer,
    { query, role, variables }: { query: string; role: string; variables?: object },
  ) => {
    const before = await statementsServed(server.origin);
    const res = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(role === 'public' ? {} : { authorization: `Bearer ${role}-executor-t` }),
      },
      body: JSON.stringify({ query, variables }),
    });
    // Each error has the id of its own request; graphql-jit words a variable that does not
    // coerce as graphql-js 15 did ("...; Expected type Int; Int cannot represent ...").
    const text = (await res.text())
      .replace(/"requestId":"[\w-]+"/g, '"requestId":"…"')
      .replace(/; Expected type \w+;/g, ';');
    const body = JSON.parse(text) as unknown;
    return {
      status: res.status,
      body,
      statements: (await statementsServed(server.origin)) - before,
    };
  };

  it('has queries to compare, among them answers with errors', () => {
    expect(documented.length).toBeGreaterThanOrEqual(10);
  });

  it.each([...documented, ...edges].map((q) => [q.label, q] as const))(
    '%s: the same answer from both executors',
    async (_label, q) => {
      const fromJit = await ask(jit, q);
      const fromGraphqlJs = await ask(graphqlJs, q);
      expect(fromJit).toEqual(fromGraphqlJs);
    },
  );
});
