import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { openDataSource } from '../../src/db/data-source';
import { migrateDatabase } from '../../src/shared/loading/migrate';
import { createCatalog } from '../../src/shared/modules/catalog';
import { silentLogger } from '../../src/shared/logging/logger';
import { startServer, type RunningServer } from '../../src/server/server';
import type { DataSource } from 'typeorm';

describe('server > http', () => {
  let server: RunningServer;
  let dataSource: DataSource;
  beforeAll(async () => {
    const config = {
      ...loadConfig({ PORT: '0', HOST: '127.0.0.1', API_TOKENS: 'hr-token-456789=hr' }),
      database: { type: 'sqlite' as const, path: ':memory:' },
      // No bundled pages here (test/browser covers them): the fallback form is served.
      webDir: '/nonexistent/reformgraph-web',
    };
    const catalog = createCatalog(DATASET_MODULES);
    dataSource = await openDataSource(config.database, catalog, silentLogger);
    await migrateDatabase(dataSource, catalog);
    server = await startServer(dataSource, config, silentLogger, catalog);
  });
  afterAll(async () => {
    await server?.stop();
    await dataSource?.destroy();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('answers a query over HTTP', async () => {
    const res = await post({ query: '{ grades { code } }' });
    expect(res.status).toBe(200);
    // An empty database: the dimensions were never loaded, so they have no version yet.
    expect(await res.json()).toEqual({
      data: { grades: [] },
      extensions: { datasets: { dimensions: null }, cache: 'MISS' },
    });
  });

  it('answers 401 UNAUTHENTICATED for a wrong token', async () => {
    const res = await post(
      { query: '{ grades { code } }' },
      { authorization: 'Bearer not-a-real-token' },
    );
    expect(res.status).toBe(401);
    expect(
      ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions
        .code,
    ).toBe('UNAUTHENTICATED');
  });

  it('serves a landing page that needs no network (no external scripts or styles) while the explorer is not built', async () => {
    const res = await fetch(server.url, { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(html).toContain('reformgraph');
    expect(html).toContain('curl');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=["']?https?:/i);
    // The dashboard says how to build it instead of failing on missing scripts.
    const dashboard = await fetch(`${server.origin}/dashboard`);
    expect(dashboard.status).toBe(503);
    expect(await dashboard.text()).toContain('npm run build');
  });

  it('serves the SDL of schema/schema.graphql (the explorer reads it in production)', async () => {
    const res = await fetch(`${server.origin}/schema.graphql`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const committed = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(await res.text()).toBe(committed);
  });

  it('answers a GraphQL GET that prefers JSON with JSON, not the explorer', async () => {
    const res = await fetch(`${server.url}?query=${encodeURIComponent('{ grades { code } }')}`, {
      headers: { accept: 'application/json, text/html;q=0.9', 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });

  it('writes a POST answer as Apollo made it, with its length; a GET answer keeps its ETag and 304', async () => {
    const query = '{ grades { code } }';
    const posted = await post({ query });
    const text = await posted.text();
    expect([posted.status, posted.headers.get('content-type')]).toEqual([
      200,
      'application/json; charset=utf-8',
    ]);
    expect(posted.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    // The response cache's ETag of the answer, not Express's weak hash of the body.
    expect(posted.headers.get('etag') ?? '').not.toMatch(/^W\//);
    // An answer the cache does not keep (an error) has none: no client revalidates a POST.
    const refused = await post({ query: '{ nope }' });
    const refusal = await refused.text();
    expect([refused.status, refused.headers.get('etag')]).toEqual([400, null]);
    expect(refused.headers.get('content-length')).toBe(String(Buffer.byteLength(refusal)));
    const url = `${server.url}?query=${encodeURIComponent(query)}`;
    const headers = { 'apollo-require-preflight': 'true' };
    const got = await fetch(url, { headers });
    expect(await got.text()).toBe(text);
    const etag = got.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(url, { headers: { ...headers, 'if-none-match': String(etag) } });
    expect(again.status).toBe(304);
  });
});
