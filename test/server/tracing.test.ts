import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInChildProcess } from '../support/cli-process';
import { cliEnv, databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { statementsServed } from '../support/hub-metrics';

const HR_TOKEN = 'hr-tracing-token-0123';
const SERVER = 2;
const CLIENT = 3;

/** The OTLP/HTTP endpoint an SDK exports to when none is configured (the spec's default). */
const DEFAULT_OTLP_PORT = 4318;

/**
 * A hub of its own on an empty SQLite file, exporting to a receiver of its own over OTLP/HTTP
 * JSON with these OTEL_* settings besides; both are stopped once `work` is done.
 */
async function withTracedHub(
  otel: Record<string, string>,
  work: (hub: HubProcess, receiver: OtlpReceiver) => Promise<void>,
): Promise<void> {
  const receiver = await OtlpReceiver.start();
  const dir = await mkdtemp(join(tmpdir(), 'rg-traced-'));
  const hub = await startHubProcess({
    SQLITE_PATH: join(dir, 'hub.sqlite'),
    LOG_LEVEL: 'silent',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '100',
    ...otel,
  });
  try {
    await work(hub, receiver);
  } finally {
    await hub.stop();
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * OpenTelemetry traces, read by an OTLP/HTTP receiver as a collector would: the hub runs as
 * `reformgraph serve` in its own process, configured only by the standard OTEL_* variables.
 */
describe.each(databaseCases())('server > tracing > %s', (_name, database) => {
  let harness: Harness;
  let receiver: OtlpReceiver;
  let hub: HubProcess;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rg-tracing-'));
    harness = await openHarness(database, {
      file: true,
      seedScale: 0.05,
      seedDatasets: ['dimensions', 'staffing'],
    });
    receiver = await OtlpReceiver.start();
    env = {
      ...cliEnv(harness.config.database, dir),
      LOG_LEVEL: 'info',
      API_TOKENS: `${HR_TOKEN}=hr`,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    hub = await startHubProcess(env);
  }, 240_000);
  afterAll(async () => {
    await hub?.stop();
    await receiver?.close();
    await harness?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const post = async (query: string, requestId: string, token?: string) => {
    const res = await fetch(`${hub.origin}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query }),
    });
    expect(res.status).toBe(200);
    return res;
  };
  const statementsSoFar = () => statementsServed(hub.origin);
  /** Every span of the trace whose operation span carries this request id, once all arrived. */
  const traceOf = async (requestId: string, statements: number): Promise<ReceivedSpan[]> =>
    receiver.waitFor(() => {
      const operation = receiver.spans.find(
        (span) => span.attributes['reformgraph.request_id'] === requestId,
      );
      if (!operation) return undefined;
      const spans = receiver.spans.filter((span) => span.traceId === operation.traceId);
      const sql = spans.filter((span) => span.kind === CLIENT);
      const http = spans.find((span) => span.kind === SERVER);
      return http && sql.length >= statements ? spans : undefined;
    });
  const childrenOf = (spans: ReceivedSpan[], parent: ReceivedSpan): ReceivedSpan[] =>
    spans.filter((span) => span.parentSpanId === parent.spanId);
  const descends = (spans: ReceivedSpan[], span: ReceivedSpan, ancestor: ReceivedSpan) => {
    for (let at: ReceivedSpan | undefined = span; at;) {
      if (at.parentSpanId === ancestor.spanId) return true;
      at = spans.find((candidate) => candidate.spanId === at?.parentSpanId);
    }
    return false;
  };

  it('traces one GraphQL request: the HTTP request, the operation and each SQL statement, linked by the request id, with no credential or literal value', async () => {
    const query =
      'query EntityTrend { entity(code: "OCHA") { code name workforce(year: 2021) { headcount } } }';
    const requestId = `trace-${Date.now()}`;
    const before = await statementsSoFar();
    await post(query, requestId, HR_TOKEN);
    const statements = (await statementsSoFar()) - before;
    expect(statements).toBeGreaterThan(0);
    const spans = await traceOf(requestId, statements);

    const http = spans.find((span) => span.kind === SERVER);
    expect(http?.attributes['http.response.header.x-request-id']).toEqual([requestId]);
    // Named by the route it matched, as the HTTP conventions ask (the pattern, not the path).
    expect(http?.name).toBe('POST /graphql');
    expect(http?.attributes['http.route']).toBe('/graphql');
    const operation = spans.find((span) => span.name === 'graphql.request EntityTrend');
    expect(operation?.attributes).toMatchObject({
      'reformgraph.request_id': requestId,
      'reformgraph.role': 'HR',
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'EntityTrend',
      'graphql.document.hash': createHash('sha256').update(query).digest('hex'),
      'reformgraph.cache': 'MISS',
    });
    if (!http || !operation) throw new Error('no HTTP or operation span');
    expect(descends(spans, operation, http)).toBe(true);
    // Under the operation: the cache lookup and the SQL statements; no span per GraphQL phase
    // or resolver by default (OTEL_GRAPHQL_RESOLVER_SPANS, below).
    const children = childrenOf(spans, operation);
    expect(children.map((span) => span.name)).toContain('cache lookup');
    expect(children.every((span) => span.name === 'cache lookup' || span.kind === CLIENT)).toBe(
      true,
    );
    expect(spans.some((span) => /^graphql\.(parse|validate|resolve)/.test(span.name))).toBe(false);

    // Each SQL statement the hub counted for this request is a span under the operation.
    const sql = spans.filter((span) => span.kind === CLIENT);
    expect(sql).toHaveLength(statements);
    for (const span of sql) {
      expect(descends(spans, span, operation)).toBe(true);
      expect(span.attributes['db.system.name']).toEqual(
        database.name === 'sqlite' ? 'sqlite' : expect.stringMatching(/^(mysql|mariadb)$/),
      );
      expect(span.attributes['db.namespace']).toEqual(expect.any(String));
      expect(span.attributes['db.response.returned_rows']).toEqual(expect.any(Number));
      expect(span.attributes['db.query.text']).toMatch(/^SELECT /i);
      expect(span.attributes['db.query.text']).not.toMatch(/'[^']*'|OCHA/);
    }
    // Neither the credential nor a literal of the query leaves the process.
    const exported = receiver.bodies.join('\n');
    expect(exported).not.toContain(HR_TOKEN);
    expect(exported).not.toContain('OCHA');
    expect(receiver.services).toEqual(new Set(['reformgraph']));

    // The request's log line names the same request and trace.
    const line = hub
      .output()
      .split('\n')
      .flatMap((text) => {
        try {
          return [JSON.parse(text) as { req?: { id?: string }; trace_id?: string }];
        } catch {
          return []; // the banner `serve` prints before its log lines
        }
      })
      .find((entry) => entry.req?.id === requestId);
    expect(line?.trace_id).toBe(operation.traceId);
  });

  it('traces a GET answered from the cache before GraphQL: its operation span says HIT, no SQL under it', async () => {
    const query =
      'query CachedTrend { entity(code: "DESA") { code workforce(year: 2021) { headcount } } }';
    const url = new URL(`${hub.origin}/graphql`);
    url.searchParams.set('query', query);
    url.searchParams.set('operationName', 'CachedTrend');
    const get = (requestId: string) =>
      fetch(url, {
        headers: {
          'apollo-require-preflight': 'true',
          'x-request-id': requestId,
          authorization: `Bearer ${HR_TOKEN}`,
        },
      });
    await (await get(`warm-${Date.now()}`)).text(); // the full path: a miss, kept
    const requestId = `cached-get-${Date.now()}`;
    const res = await get(requestId);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"/); // answered before GraphQL
    const spans = await traceOf(requestId, 0);
    const operation = spans.find((span) => span.attributes['reformgraph.request_id'] === requestId);
    expect(operation?.name).toBe('graphql.request CachedTrend');
    expect(operation?.attributes).toMatchObject({
      'reformgraph.role': 'HR',
      'reformgraph.cache': 'HIT',
      'graphql.operation.name': 'CachedTrend',
    });
    expect(spans.filter((span) => span.kind === CLIENT)).toEqual([]);
    expect(JSON.stringify(spans)).not.toContain(HR_TOKEN);
  });

  it('records disclosure control as span events: the method and the cells hidden, no value', async () => {
    const requestId = `disclosure-${Date.now()}`;
    const before = await statementsSoFar();
    await post('{ workforce(year: 2021, groupBy: [ENTITY, GRADE]) { headcount } }', requestId);
    const spans = await traceOf(requestId, (await statementsSoFar()) - before);
    const operation = spans.find((span) => span.attributes['reformgraph.request_id'] === requestId);
    expect(operation?.attributes['reformgraph.role']).toBe('PUBLIC');
    const events = operation?.events.filter((event) => event.name === 'disclosure') ?? [];
    expect(events).toEqual([
      {
        name: 'disclosure',
        attributes: {
          'reformgraph.aggregate': 'workforce',
          'reformgraph.disclosure.method': 'PERTURBED',
          'reformgraph.disclosure.cells_hidden': expect.any(Number),
        },
      },
    ]);
    // Small entity x grade cells are hidden for the public.
    expect(events[0].attributes['reformgraph.disclosure.cells_hidden']).toBeGreaterThan(0);
  });

  it('traces an import as its steps, each with its SQL statements', async () => {
    const file = join(dir, 'courses.csv');
    await writeFile(
      file,
      'code,programme,title,language,level,delivery,modules,certifies\n' +
        'TRACE-1,FUNCTIONAL,Tracing imports,,,ONLINE,3,false\n',
    );
    await cliInChildProcess(['import', 'learning-courses', file], env);
    const spans = await receiver.waitFor(() => {
      const root = receiver.spans.find((span) => span.name === 'import learning-courses');
      const all = root ? receiver.spans.filter((span) => span.traceId === root.traceId) : [];
      return all.some((span) => span.name === 'load rows') ? all : undefined;
    });
    const root = spans.find((span) => span.name === 'import learning-courses');
    expect(root?.attributes).toMatchObject({
      'reformgraph.importer': 'learning-courses',
      'reformgraph.dataset': 'learning',
      'reformgraph.rows_in': 1,
      'reformgraph.rows_inserted': 1,
    });
    const load = spans.find((span) => span.name === 'load rows');
    if (!root || !load) throw new Error('no import spans');
    expect(load.parentSpanId).toBe(root.spanId);
    const inserts = spans.filter(
      (span) => span.kind === CLIENT && span.attributes['db.operation.name'] === 'INSERT',
    );
    expect(inserts.length).toBeGreaterThan(0);
    for (const insert of inserts) expect(descends(spans, insert, root)).toBe(true);
    expect(receiver.bodies.join('\n')).not.toContain('Tracing imports');
  });
});

describe('server > tracing > off', () => {
  it('exports nothing when no OTLP endpoint is configured, not even to the default one', async () => {
    // A receiver where an SDK would send by default: it must hear nothing.
    const receiver = await OtlpReceiver.start(DEFAULT_OTLP_PORT).catch((error: unknown) => {
      throw new Error(`port ${DEFAULT_OTLP_PORT} is taken, so this test cannot listen: ${error}`);
    });
    const dir = await mkdtemp(join(tmpdir(), 'rg-untraced-'));
    const hub = await startHubProcess({
      SQLITE_PATH: join(dir, 'hub.sqlite'),
      LOG_LEVEL: 'silent',
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_SERVICE_NAME: 'reformgraph-untraced',
    });
    try {
      const res = await fetch(`${hub.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ grades { code } }' }),
      });
      expect(res.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      await hub.stop();
      await receiver.close();
      await rm(dir, { recursive: true, force: true });
    }
    expect(receiver.bodies).toEqual([]);
  });
});

describe('server > tracing > sampling', () => {
  it('decides once per request where it comes in: the ratio leaves requests out whole, a sampled traceparent from the caller is followed', async () => {
    const traceId = 'a'.repeat(31) + '1';
    const callerSpan = 'b'.repeat(15) + '2';
    const sampler = {
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0',
    };
    await withTracedHub(sampler, async (hub, receiver) => {
      const ask = (headers: Record<string, string>) =>
        fetch(`${hub.origin}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: '{ grades { code } }' }),
        });
      for (let i = 0; i < 10; i++) expect((await ask({})).status).toBe(200);
      // A caller that traces this request (flags 01) and one that does not (00).
      await ask({ traceparent: `00-${traceId}-${callerSpan}-01` });
      await ask({ traceparent: `00-${'c'.repeat(32)}-${callerSpan}-00` });
      const spans = await receiver.waitFor(() => {
        const found = receiver.spans.filter((span) => span.traceId === traceId);
        return found.some((span) => span.kind === SERVER) &&
          found.some((span) => span.name.startsWith('graphql.request'))
          ? found
          : undefined;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Only the caller's trace was recorded: none of the ten, nor start-up's GraphQL work.
      expect(new Set(receiver.spans.map((span) => span.traceId))).toEqual(new Set([traceId]));
      const http = spans.find((span) => span.kind === SERVER);
      expect(http?.parentSpanId).toBe(callerSpan);
    });
  });
});

describe('server > tracing > resolver spans', () => {
  it('with OTEL_GRAPHQL_RESOLVER_SPANS=true, the GraphQL instrumentation adds a span per resolver, and each phase is traced once', async () => {
    await withTracedHub({ OTEL_GRAPHQL_RESOLVER_SPANS: 'true' }, async (hub, receiver) => {
      const res = await fetch(`${hub.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'resolvers' },
        body: JSON.stringify({ query: 'query Grades { grades { code } }' }),
      });
      expect(res.status).toBe(200);
      const spans = await receiver.waitFor(() => {
        const operation = receiver.spans.find(
          (span) => span.attributes['reformgraph.request_id'] === 'resolvers',
        );
        const found = operation
          ? receiver.spans.filter((span) => span.traceId === operation.traceId)
          : [];
        return found.some((span) => span.name === 'graphql.resolve grades') &&
          found.some((span) => span.kind === SERVER)
          ? found
          : undefined;
      });
      const names = spans.map((span) => span.name);
      for (const phase of ['graphql.parse', 'graphql.validate', 'query Grades'])
        expect(names.filter((name) => name === phase)).toHaveLength(1);
    });
  });
});
