import { loadConfig } from '../../src/config/config';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { openDataSource } from '../../src/db/data-source';
import { migrateDatabase } from '../../src/shared/loading/migrate';
import { startServer, type RunningServer } from '../../src/server/server';
import { silentLogger } from '../../src/shared/logging/logger';
import { createCatalog } from '../../src/shared/modules/catalog';
import type { DataSource } from 'typeorm';
import {
  privateMariadbAvailable,
  startPrivateMariadb,
  type MariadbInstance,
} from '../support/mariadb-instance';

const describeIf = privateMariadbAvailable() ? describe : describe.skip;

describeIf('server > MariaDB stopped and started again (a private mariadbd)', () => {
  let mariadb: MariadbInstance;
  let dataSource: DataSource;
  let server: RunningServer;
  const catalog = createCatalog(DATASET_MODULES);

  beforeAll(async () => {
    mariadb = await startPrivateMariadb();
    const config = {
      ...loadConfig({ PORT: '0', HOST: '127.0.0.1', RESPONSE_CACHE: 'off' }),
      database: { type: 'mysql' as const, url: mariadb.url },
    };
    dataSource = await openDataSource(config.database, catalog, silentLogger);
    await migrateDatabase(dataSource, catalog);
    server = await startServer(dataSource, config, silentLogger, catalog);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
    await mariadb?.dispose();
  });

  const ready = async () => {
    const res = await fetch(`${server.origin}/readyz`);
    return [res.status, ((await res.json()) as { status: string }).status];
  };
  const query = async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ grades { code } }' }),
    });
    const body = (await res.json()) as { errors?: { extensions: { code: string } }[] };
    return [res.status, body.errors?.[0]?.extensions.code ?? 'ok', res.headers.get('retry-after')];
  };

  it('is ready, then 503 while MariaDB is down (queries too, with Retry-After), then ready again', async () => {
    expect(await ready()).toEqual([200, 'ready']);
    expect(await query()).toEqual([200, 'ok', null]);
    await mariadb.stop();
    expect(await ready()).toEqual([503, 'database unavailable']);
    expect(await query()).toEqual([503, 'SERVICE_UNAVAILABLE', '5']);
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
    await mariadb.start();
    let status = await ready();
    for (let i = 0; i < 50 && status[0] !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await ready();
    }
    expect(status).toEqual([200, 'ready']);
    expect(await query()).toEqual([200, 'ok', null]);
  }, 120_000);
});
