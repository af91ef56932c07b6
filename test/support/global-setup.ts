/* eslint-disable no-restricted-syntax -- passes the harness decision to the test workers */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumAvailable } from './chromium';
import { MYSQL_URL, detectTestDatabases } from './databases';
import { redisAvailable } from './redis-server';
import { rsdmxAvailable } from './rsdmx';
import { dropAbandonedTemplates } from './seeded-templates';

/**
 * Decides once what the run has (which databases; Redis; Chromium; R with rsdmx), tells the workers and the
 * skip reporter, and says up front what the run will create and go without.
 */
export default async function globalSetup(): Promise<void> {
  process.env.RG_TEST_DATABASES = await detectTestDatabases();
  // The seeded templates of this run (seeded-templates.ts), removed by global-teardown.ts.
  process.env.RG_TEST_RUN_DIR = await mkdtemp(join(tmpdir(), 'rg-test-run-'));
  process.env.RG_TEST_RUN_ID = process.pid.toString(36);
  if (process.env.RG_TEST_DATABASES.includes('mysql')) await dropAbandonedTemplates();
  const missing: string[] = [];
  if (!process.env.RG_TEST_DATABASES.includes('mysql'))
    missing.push(`MySQL/MariaDB at ${MYSQL_URL}: every database suite ran on SQLite only`);
  if (!redisAvailable()) missing.push('redis-server: the Redis cases (cache, fairness, cluster)');
  if (!chromiumAvailable())
    missing.push('Chromium: the browser tests of the explorer and dashboard');
  if (!rsdmxAvailable()) missing.push("R with rsdmx: the test of a statistician's SDMX client");
  process.env.RG_TEST_MISSING = JSON.stringify(missing);
  if (process.env.RG_TEST_DATABASES.includes('mysql'))
    process.stderr.write(
      `\nEach MariaDB suite creates its own database rg_test_<pid>_<worker>_<time>_<n> on ${MYSQL_URL} and drops it when it ends; ` +
        'the seeded templates the suites copy, rg_tmpl_<run>_<scale>, are dropped when the run ends.\n',
    );
}
