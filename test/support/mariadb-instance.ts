/* eslint-disable no-restricted-syntax -- the test harness reads its own switches, not app config */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { freePort, serverProcess } from './server-process';

const REQUIRE_MYSQL = process.env.REQUIRE_MYSQL === '1';
const SERVER = '/usr/sbin/mariadbd';
const INSTALL = '/usr/bin/mariadb-install-db';

/** Whether a private MariaDB can be started here; says why not when the cases are skipped. */
export function privateMariadbAvailable(): boolean {
  if (existsSync(SERVER) && existsSync(INSTALL)) return true;
  if (REQUIRE_MYSQL) throw new Error(`REQUIRE_MYSQL=1 but ${SERVER} or ${INSTALL} is missing`);
  console.warn('mariadbd is not installed: the cases that stop MariaDB are skipped');
  return false;
}

/**
 * A MariaDB server of its own (data directory and port), so a test can stop and start it for
 * real without touching the shared server the other suites use.
 */
export interface MariadbInstance {
  /** mysql://root@127.0.0.1:<port>/test */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export interface MariadbOptions {
  /** `--server-id` (replication needs a distinct one per server). */
  serverId?: number;
  /** Writes a binary log (a replication primary). */
  logBin?: boolean;
  /** Keeps per-table statistics (information_schema.TABLE_STATISTICS: rows read). */
  userstat?: boolean;
}

export async function startPrivateMariadb(options: MariadbOptions = {}): Promise<MariadbInstance> {
  const dir = await mkdtemp(join(tmpdir(), 'rg-mariadb-'));
  const data = join(dir, 'data');
  // A temporary directory of its own: mariadbd deletes every `#sql*` file of its tmpdir when it
  // starts, which in the shared /tmp are the live temporary tables of the machine's MariaDB (an
  // import there then failed with "Error on delete of '/tmp/#sql-temptable-….MAI'").
  const temporary = join(dir, 'tmp');
  await mkdir(temporary);
  // The bootstrap server of the install takes its tmpdir from TMPDIR.
  await promisify(execFile)(
    INSTALL,
    [
      '--no-defaults',
      `--datadir=${data}`,
      '--user=root',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { env: { ...process.env, TMPDIR: temporary } },
  );
  const port = await freePort();
  const url = `mysql://root@127.0.0.1:${port}/test`;
  const answers = async (): Promise<boolean> => {
    try {
      const conn = await createConnection({
        uri: url.replace(/\/test$/, '/'),
        connectTimeout: 1000,
      });
      await conn.query('CREATE DATABASE IF NOT EXISTS test');
      await conn.end();
      return true;
    } catch {
      return false;
    }
  };
  const server = serverProcess(
    `the private MariaDB on port ${port}`,
    SERVER,
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(dir, 'mysqld.sock')}`,
      `--pid-file=${join(dir, 'mysqld.pid')}`,
      `--tmpdir=${temporary}`,
      '--user=root',
      '--skip-grant-tables',
      '--innodb-buffer-pool-size=32M',
      `--server-id=${options.serverId ?? 1}`,
      ...(options.userstat ? ['--userstat=1'] : []),
      ...(options.logBin ? ['--log-bin=mysql-bin', '--binlog-format=ROW'] : ['--skip-log-bin']),
    ],
    answers,
  );
  await server.start();
  return {
    url,
    stop: server.stop,
    start: server.start,
    async dispose() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A primary and a replica that follows it through binlog replication. */
export interface ReplicatedMariadb {
  primary: MariadbInstance;
  replica: MariadbInstance;
  /** Runs SQL on one of the two servers (as root, no database selected). */
  sql(on: MariadbInstance, statement: string): Promise<unknown>;
  /** Waits until the replica has applied everything the primary has written. */
  caughtUp(timeoutMs?: number): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Two private MariaDB servers: the primary writes a binary log, the replica (its own data
 * directory and port) replicates it from the primary's current position, as root (both skip
 * grant tables, so no replication user is needed). `STOP SLAVE SQL_THREAD` on the replica makes
 * it lag; stopping it makes it unavailable.
 */
export async function startReplicatedMariadb(): Promise<ReplicatedMariadb> {
  const primary = await startPrivateMariadb({ serverId: 1, logBin: true, userstat: true });
  const replica = await startPrivateMariadb({ serverId: 2, userstat: true }).catch(
    async (error: unknown) => {
      await primary.dispose();
      throw error;
    },
  );
  const serverUrl = (instance: MariadbInstance) => instance.url.replace(/\/test$/, '/');
  const sql = async (on: MariadbInstance, statement: string): Promise<unknown> => {
    const conn = await createConnection({ uri: serverUrl(on), connectTimeout: 2000 });
    try {
      const [rows] = await conn.query(statement);
      return rows;
    } finally {
      await conn.end();
    }
  };
  const [status] = (await sql(primary, 'SHOW MASTER STATUS')) as {
    File: string;
    Position: number;
  }[];
  if (!status) throw new Error('the primary writes no binary log');
  const port = new URL(primary.url).port;
  await sql(
    replica,
    `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${port}, MASTER_USER='root', ` +
      `MASTER_PASSWORD='', MASTER_LOG_FILE='${status.File}', MASTER_LOG_POS=${status.Position}, ` +
      'MASTER_CONNECT_RETRY=1',
  );
  await sql(replica, 'START SLAVE');
  const caughtUp = async (timeoutMs = 30_000): Promise<void> => {
    const [{ File, Position }] = (await sql(primary, 'SHOW MASTER STATUS')) as {
      File: string;
      Position: number;
    }[];
    const [{ done }] = (await sql(
      replica,
      `SELECT MASTER_POS_WAIT('${File}', ${Position}, ${Math.ceil(timeoutMs / 1000)}) AS done`,
    )) as { done: number | null }[];
    if (done === null || done < 0)
      throw new Error(`the replica did not catch up within ${timeoutMs} ms`);
  };
  return {
    primary,
    replica,
    sql,
    caughtUp,
    async dispose() {
      await replica.dispose();
      await primary.dispose();
    },
  };
}
