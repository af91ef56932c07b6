/* eslint-disable no-restricted-syntax -- passes the harness decision to the test workers */
import { detectTestDatabases } from './databases';

export default async function globalSetup(): Promise<void> {
  process.env.RG_TEST_DATABASES = await detectTestDatabases();
}
