import { loadConfig } from '../../src/config/config';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { openDataSource } from '../../src/db/data-source';
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
    };
    const catalog = createCatalog(DATASET_MODULES);
    dataSource = await openDataSource(config.database, catalog, silentLogger);
    await dataSource.runMigrations();
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

  it('serves a landing page that needs no network (no external scripts or styles)', async () => {
    const res = await fetch(server.url, { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('reformgraph');
    expect(html).toContain('curl');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=["']?https?:/i);
  });
});
