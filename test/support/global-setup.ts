/* eslint-disable no-restricted-syntax -- passes the harness decision to the test workers */
import { chromiumAvailable } from './chromium';
import { MYSQL_URL, detectTestDatabases } from './databases';
import { redisAvailable } from './redis-server';

/**
 * Decides once what the run has (which databases; Redis; Chromium), tells the workers and the
 * skip reporter, and says up front what the run will create and go without.
 */
export default async function globalSetup(): Promise<void> {
  process.env.RG_TEST_DATABASES = await detectTestDatabases();
  const missing: string[] = [];
  if (!process.env.RG_TEST_DATABASES.includes('mysql'))
    missing.push(`MySQL/MariaDB at ${MYSQL_URL}: every database suite ran on SQLite only`);
  if (!redisAvailable()) missing.push('redis-server: the Redis cases (cache, fairness, cluster)');
  if (!chromiumAvailable())
    missing.push('Chromium: the browser tests of the explorer and dashboard');
  process.env.RG_TEST_MISSING = JSON.stringify(missing);
  if (process.env.RG_TEST_DATABASES.includes('mysql'))
    process.stderr.write(
      `\nEach MariaDB suite creates its own database rg_test_<pid>_<worker>_<time>_<n> on ${MYSQL_URL} and drops it when it ends.\n`,
    );
}
