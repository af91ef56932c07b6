/* eslint-disable no-restricted-syntax -- the test harness reads its own switches, not app config */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
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

export async function startPrivateMariadb(): Promise<MariadbInstance> {
  const dir = await mkdtemp(join(tmpdir(), 'rg-mariadb-'));
  const data = join(dir, 'data');
  await promisify(execFile)(INSTALL, [
    '--no-defaults',
    `--datadir=${data}`,
    '--user=root',
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
  ]);
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
      '--user=root',
      '--skip-grant-tables',
      '--innodb-buffer-pool-size=32M',
      '--skip-log-bin',
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
