import { createHash } from 'node:crypto';
import { serverAudits } from 'graphql-http';
import type { DataSource } from 'typeorm';
import { loadConfig, type Config } from '../../src/config/config';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { openDataSource } from '../../src/db/data-source';
import { migrateDatabase } from '../../src/shared/loading/migrate';
import { createCatalog } from '../../src/shared/modules/catalog';
import pino from 'pino';
import { silentLogger } from '../../src/shared/logging/logger';
import { startServer, type RunningServer } from '../../src/server/server';
import { INDICATORS } from '../../src/shared/persisted/dashboard';
import { databaseCases } from '../support/databases';

interface ErrorBody {
  errors: { message: string; extensions: { code: string; requestId?: string } }[];
}

describe.each(databaseCases())('server > HTTP surface (Express) > %s', (_name, database) => {
  let server: RunningServer;
  let dataSource: DataSource;
  let config: Config;
  let drop: () => Promise<void>;
  const catalog = createCatalog(DATASET_MODULES);

  beforeAll(async () => {
    const created = await database.create({ file: true });
    drop = created.drop;
    config = {
      ...loadConfig({ PORT: '0', HOST: '127.0.0.1', BODY_LIMIT: '4kb' }),
      database: created.config,
    };
    dataSource = await openDataSource(config.database, catalog, silentLogger);
    await migrateDatabase(dataSource, catalog);
    server = await startServer(dataSource, config, silentLogger, catalog);
  });
  afterAll(async () => {
    await server?.stop();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await drop?.();
  });

  /** A server of its own whose log lines are kept, for what a test expects of the log. */
  const withLogs = async (
    run: (logged: RunningServer, lines: Record<string, unknown>[]) => Promise<void>,
  ) => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    const logged = await startServer(dataSource, config, logger, catalog);
    try {
      await run(logged, lines);
    } finally {
      await logged.stop();
    }
  };

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('passes the GraphQL-over-HTTP audit (graphql-http serverAudits) with no error', async () => {
    const results = [];
    for (const audit of serverAudits({ url: server.url })) results.push(await audit.fn());
    const failed = results.filter((r) => r.status === 'error');
    expect(failed.map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
    expect(results.length).toBeGreaterThan(20);
  });

  it('supports automatic persisted queries: the hash alone, then with the query, then alone over GET', async () => {
    const query = '{ grades { code } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const miss = (await (await post(JSON.stringify({ extensions }))).json()) as ErrorBody;
    expect(miss.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(JSON.stringify({ query, extensions }));
    expect(registered.status).toBe(200);
    const hit = await fetch(
      `${server.url}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`,
      { headers: { 'apollo-require-preflight': 'true' } },
    );
    expect(hit.status).toBe(200);
    expect(((await hit.json()) as { data: { grades: unknown[] } }).data.grades).toEqual([]);
  });

  it('refuses an automatic persisted query sent under a hash that is not its own: 400 BAD_USER_INPUT', async () => {
    await withLogs(async (logged, lines) => {
      const sha256Hash = createHash('sha256').update('{ __typename }').digest('hex');
      const res = await fetch(logged.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: '{ grades { code } }',
          extensions: { persistedQuery: { version: 1, sha256Hash } },
        }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(lines)).not.toMatch(/internal error/);
    });
  });

  it('answers health and readiness, and readiness follows the database', async () => {
    const health = await fetch(`${server.origin}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${server.origin}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    await dataSource.destroy();
    const down = await fetch(`${server.origin}/readyz`);
    expect([down.status, await down.json()]).toEqual([503, { status: 'database unavailable' }]);
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
    await dataSource.initialize();
    const back = await fetch(`${server.origin}/readyz`);
    expect([back.status, await back.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('returns a request id in a header and in every error, keeping a well-formed one given', async () => {
    const res = await post(JSON.stringify({ query: '{ nope }' }), {
      'x-request-id': 'bi-refresh-42',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBe('bi-refresh-42');
    const body = (await res.json()) as ErrorBody;
    expect(body.errors[0].extensions.requestId).toBe('bi-refresh-42');
    const fresh = await post(JSON.stringify({ query: '{ grades { code } }' }), {
      'x-request-id': 'not valid; has spaces',
    });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 401 with its request id: no credential where one is needed, or one that does not verify', async () => {
    const cases: [string, Record<string, string>, string][] = [
      // No credential for a row list of the hr role: present one (not 403, which is for a role).
      ['{ staffRecords(first: 1) { totalCount } }', {}, 'needs a credential of one of the roles'],
      ['{ __typename }', { authorization: 'Bearer not-a-token-at-all' }, 'Invalid or missing'],
      ['{ __typename }', { authorization: 'Basic dXNlcjpwYXNz' }, 'must be "Bearer <token>"'],
    ];
    for (const [query, headers, message] of cases) {
      const res = await post(JSON.stringify({ query }), { ...headers, 'x-request-id': 'auth-7' });
      expect([query, res.status]).toEqual([query, 401]);
      const body = (await res.json()) as ErrorBody;
      expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', requestId: 'auth-7' });
      expect(body.errors[0].message).toContain(message);
    }
    const api = await fetch(`${server.origin}/api/time-to-recruit`, {
      headers: { authorization: 'Bearer not-a-token-at-all', 'x-request-id': 'auth-8' },
    });
    expect(api.status).toBe(401);
    expect(((await api.json()) as ErrorBody).errors[0].extensions.requestId).toBe('auth-8');
  });

  it('answers malformed JSON with 400 and a body over BODY_LIMIT with 413, as GraphQL errors', async () => {
    const malformed = await post('{"query": "{ grades { code } ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorBody).errors[0].extensions.code).toBe(
      'BAD_USER_INPUT',
    );
    const large = await post(
      JSON.stringify({ query: `{ grades { code } } # ${'x'.repeat(5000)}` }),
    );
    expect(large.status).toBe(413);
    const body = (await large.json()) as ErrorBody;
    expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.errors[0].message).toMatch(/4kb/);
  });

  it('logs each request with its id, never a credential: a token header or any credential-shaped URL parameter', async () => {
    await withLogs(async (logged, lines) => {
      const res = await fetch(`${logged.url}?api_key=rgk_secret_in_url&query=%7B__typename%7D`, {
        headers: { authorization: 'Bearer secret-in-header', 'apollo-require-preflight': 'true' },
      });
      expect(res.status).toBe(401);
      await res.text();
      const id = res.headers.get('x-request-id');
      // The same secret under the names other clients use, in other cases and encodings.
      for (const name of [
        'access_token',
        'token',
        'Token',
        'API_KEY',
        'api%5Fkey',
        'apiKey',
        'signature',
      ])
        await (
          await fetch(`${logged.url}?query=%7B__typename%7D&${name}=rgk_secret_${name.length}`)
        ).text();
      const text = JSON.stringify(lines);
      expect(text).not.toMatch(/secret-in-header|rgk_secret/);
      // What is not a credential stays readable.
      expect(text).toMatch(/query=%7B__typename%7D/);
      expect(lines.some((l) => (l.req as { id?: string } | undefined)?.id === id)).toBe(true);
    });
  });

  it('exposes Prometheus metrics for requests, operations, errors and SQL statements', async () => {
    await post(JSON.stringify({ query: INDICATORS }));
    await post(JSON.stringify({ query: 'query Grades { grades { code } }' }));
    await post(JSON.stringify({ query: '{ nope }' }));
    const res = await fetch(`${server.origin}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /reformgraph_http_requests_total\{method="POST",route="\/graphql",status="200"\} \d+/,
    );
    expect(text).toMatch(
      /reformgraph_graphql_request_duration_seconds_count\{operation="ReformIndicators"\} [1-9]/,
    );
    // A name the hub does not know is counted, but not as a series of its own.
    expect(text).not.toMatch(/operation="Grades"/);
    expect(text).toMatch(
      /reformgraph_graphql_request_duration_seconds_count\{operation="other"\} [1-9]/,
    );
    expect(text).toMatch(/reformgraph_graphql_errors_total\{code="BAD_USER_INPUT"\} [1-9]/);
    expect(text).toMatch(/reformgraph_sql_statements_per_request_count [1-9]/);
    expect(text).toMatch(/reformgraph_process_resident_memory_bytes \d+/);
  });
});
