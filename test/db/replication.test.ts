import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type Config } from '../../src/config/config';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { openDataSource } from '../../src/db/data-source';
import { migrateDatabase } from '../../src/shared/loading/migrate';
import { startServer, type RunningServer } from '../../src/server/server';
import { createApiKey, revokeApiKey } from '../../src/shared/auth/api-keys';
import { Role } from '../../src/shared/auth/principal';
import { importFile } from '../../src/shared/loading/dataset-loads';
import { silentLogger } from '../../src/shared/logging/logger';
import { createCatalog } from '../../src/shared/modules/catalog';
import {
  privateMariadbAvailable,
  startReplicatedMariadb,
  type MariadbInstance,
  type ReplicatedMariadb,
} from '../support/mariadb-instance';

const describeIf = privateMariadbAvailable() ? describe : describe.skip;

describe('db > read replicas > configuration', () => {
  it('reads DATABASE_REPLICA_URLS beside DATABASE_URL, and refuses replicas without a primary', () => {
    const config = loadConfig({
      DATABASE_URL: 'mariadb://hub@primary:3306/rg',
      DATABASE_REPLICA_URLS: ' mariadb://hub@replica-1:3306/rg, mysql://hub@replica-2/rg ,',
    });
    expect(config.database).toMatchObject({
      type: 'mysql',
      url: 'mariadb://hub@primary:3306/rg',
      replicaUrls: ['mariadb://hub@replica-1:3306/rg', 'mysql://hub@replica-2/rg'],
      replicaPollMs: 500,
    });
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'mysql://hub@replica/rg' })).toThrow(
      ConfigError,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: 'mysql://hub@p/rg', DATABASE_REPLICA_URLS: 'postgres://r/rg' }),
    ).toThrow(/DATABASE_REPLICA_URLS must be mysql/);
  });
});

const COURSES = '{ learningCourses { code } }';
const HEADER = 'code,programme,title,language,level,delivery,modules,certifies\n';
const course = (code: string) => `${code},FUNCTIONAL,Replication ${code},,,ONLINE,3,false\n`;
/** How often the server rereads the replica's versions in these cases. */
const POLL_MS = 100;

interface Answer {
  status: number;
  codes: string[];
  version: number | undefined;
  errors: unknown[] | undefined;
}

describeIf('db > read replicas > a MariaDB primary and a binlog replica (private mariadbd)', () => {
  let pair: ReplicatedMariadb;
  let primary: DataSource;
  let server: RunningServer;
  let dir: string;
  const catalog = createCatalog(DATASET_MODULES);
  let config: Config;
  let env: Record<string, string>;

  beforeAll(async () => {
    pair = await startReplicatedMariadb();
    dir = await mkdtemp(join(tmpdir(), 'rg-replication-'));
    env = {
      PORT: '0',
      HOST: '127.0.0.1',
      // Without the response cache, every request reads the database.
      RESPONSE_CACHE: 'off',
      DATABASE_URL: pair.primary.url,
      DATABASE_REPLICA_URLS: pair.replica.url,
      REPLICA_POLL_MS: String(POLL_MS),
    };
    config = loadConfig(env);
    primary = await openDataSource(config.database, catalog, silentLogger);
    await migrateDatabase(primary, catalog);
    await load('first.csv', [course('REPL-1')]);
    await pair.caughtUp();
    server = await startServer(primary, config, silentLogger, catalog);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    if (primary?.isInitialized) await primary.destroy();
    await pair?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Imports courses on the primary, as `reformgraph import learning-courses` does. */
  async function load(name: string, rows: string[]): Promise<void> {
    const file = join(dir, name);
    await writeFile(file, HEADER + rows.join(''));
    await importFile(primary, catalog, 'learning-courses', file, {
      recordKeySecret: config.recordKeySecret,
    });
  }

  /** Rows read from the course table on a server so far (MariaDB's user statistics). */
  async function courseRowsRead(on: MariadbInstance): Promise<number> {
    const rows = (await pair.sql(
      on,
      "SELECT ROWS_READ AS n FROM information_schema.TABLE_STATISTICS WHERE TABLE_NAME = 'lrn_course'",
    )) as { n: number | string }[];
    return rows.reduce((sum, row) => sum + Number(row.n), 0);
  }

  async function routes(on: RunningServer = server): Promise<Record<string, number>> {
    const text = await (await fetch(`${on.origin}/metrics`)).text();
    const counts: Record<string, number> = {};
    for (const match of text.matchAll(/^reformgraph_read_routes_total\{route="(\w+)"\} (\d+)/gm))
      counts[match[1] ?? ''] = Number(match[2]);
    return counts;
  }

  async function ask(on: RunningServer = server): Promise<Answer> {
    const res = await fetch(on.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: COURSES }),
    });
    const body = (await res.json()) as {
      data?: { learningCourses: { code: string }[] };
      errors?: unknown[];
      extensions?: { datasets?: Record<string, number> };
    };
    return {
      status: res.status,
      codes: (body.data?.learningCourses ?? []).map((c) => c.code).sort(),
      version: body.extensions?.datasets?.learning,
      errors: body.errors,
    };
  }

  /** Asks until the replica serves again (its versions are reread every POLL_MS). */
  async function untilReplicaServes(): Promise<Answer> {
    for (let i = 0; i < 100; i++) {
      const before = (await routes()).replica ?? 0;
      const answer = await ask();
      if (((await routes()).replica ?? 0) > before) return answer;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error('the replica was not used again within 10 s');
  }

  it('sends reads to the replica when it holds the current versions', async () => {
    await untilReplicaServes();
    const [onReplica, onPrimary] = [
      await courseRowsRead(pair.replica),
      await courseRowsRead(pair.primary),
    ];
    const before = await routes();
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await ask());
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 200, codes: ['REPL-1'], errors: undefined });
    }
    expect((await routes()).replica).toBe((before.replica ?? 0) + 10);
    // The course table was read on the replica only (one row per request).
    expect((await courseRowsRead(pair.replica)) - onReplica).toBeGreaterThanOrEqual(10);
    expect((await courseRowsRead(pair.primary)) - onPrimary).toBe(0);
  });

  it('does not read a lagging replica for a newer version: the primary answers until it catches up', async () => {
    const before = await ask();
    expect(before.version).toBeDefined();
    await pair.sql(pair.replica, 'STOP SLAVE SQL_THREAD');
    await load('second.csv', [course('REPL-1'), course('REPL-2')]);
    // Give the server time to reread the replica: it still holds the old version.
    await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS));
    const onPrimary = await courseRowsRead(pair.primary);
    const behind = (await routes()).primary_behind ?? 0;
    for (let i = 0; i < 5; i++) {
      const answer = await ask();
      expect(answer).toMatchObject({ status: 200, codes: ['REPL-1', 'REPL-2'] });
      expect(answer.version).toBeGreaterThan(before.version ?? Infinity);
    }
    expect((await routes()).primary_behind).toBe(behind + 5);
    expect((await courseRowsRead(pair.primary)) - onPrimary).toBeGreaterThanOrEqual(5);
    // The replica still has the old rows: reading it would have gone back a version.
    const stale = (await pair.sql(pair.replica, 'SELECT code FROM test.lrn_course')) as unknown[];
    expect(stale).toHaveLength(1);

    await pair.sql(pair.replica, 'START SLAVE SQL_THREAD');
    await pair.caughtUp();
    const back = await untilReplicaServes();
    expect(back).toMatchObject({ status: 200, codes: ['REPL-1', 'REPL-2'] });
    expect(back.version).toBeGreaterThan(before.version ?? Infinity);
  }, 60_000);

  it('reads the primary, with no client error, while the replica is stopped; the replica again once it is back', async () => {
    await untilReplicaServes();
    // A second server rereads the replica's versions only every minute, so it learns that the
    // replica is gone from a request that fails on it: that request is read again on the primary.
    const unaware = await startServer(
      primary,
      loadConfig({ ...env, REPLICA_POLL_MS: '60000' }),
      silentLogger,
      catalog,
    );
    expect(await ask(unaware)).toMatchObject({ status: 200, codes: ['REPL-1', 'REPL-2'] });
    expect(await routes(unaware)).toEqual({ replica: 1 });
    const routesBefore = await routes();
    await pair.replica.stop();
    try {
      for (let i = 0; i < 3; i++)
        expect(await ask(unaware)).toMatchObject({
          status: 200,
          codes: ['REPL-1', 'REPL-2'],
          errors: undefined,
        });
      expect(await routes(unaware)).toEqual({
        replica: 2,
        primary_fallback: 1,
        primary_unavailable: 2,
      });
    } finally {
      await unaware.stop();
    }
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await ask());
    for (const answer of answers)
      expect(answer).toMatchObject({
        status: 200,
        codes: ['REPL-1', 'REPL-2'],
        errors: undefined,
      });
    const during = await routes();
    // At most the first request chose the replica (and then fell back: primary_fallback).
    expect((during.replica ?? 0) - (routesBefore.replica ?? 0)).toBeLessThanOrEqual(1);
    const toPrimary =
      (during.primary_fallback ?? 0) -
      (routesBefore.primary_fallback ?? 0) +
      (during.primary_unavailable ?? 0) -
      (routesBefore.primary_unavailable ?? 0);
    expect(toPrimary).toBeGreaterThanOrEqual(10);

    await pair.replica.start();
    await pair.caughtUp();
    expect(await untilReplicaServes()).toMatchObject({ status: 200, codes: ['REPL-1', 'REPL-2'] });
  }, 90_000);

  it('refuses a revoked API key on every process at once, even while the replica lags (keys are read on the primary)', async () => {
    const other = await startServer(primary, config, silentLogger, catalog);
    try {
      await pair.sql(pair.replica, 'STOP SLAVE SQL_THREAD');
      const { id, key } = await createApiKey(primary, {
        role: Role.ANALYST,
        entities: null,
        label: 'replication test',
        expiresAt: null,
      });
      const status = async (origin: string) =>
        (
          await fetch(`${origin}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify({ query: COURSES }),
          })
        ).status;
      expect([await status(server.origin), await status(other.origin)]).toEqual([200, 200]);
      expect(await revokeApiKey(primary, id)).toBe(true);
      expect([await status(server.origin), await status(other.origin)]).toEqual([401, 401]);
    } finally {
      await pair.sql(pair.replica, 'START SLAVE SQL_THREAD');
      await other.stop();
    }
  }, 60_000);
});
