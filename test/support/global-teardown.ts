/* eslint-disable no-restricted-syntax -- the harness's own switches, set by global-setup.ts */
import { rm } from 'node:fs/promises';
import { dropTemplates } from './seeded-templates';

/** Removes what the run built once for all suites: the seeded templates (seeded-templates.ts). */
export default async function globalTeardown(): Promise<void> {
  if (process.env.RG_TEST_DATABASES?.includes('mysql')) await dropTemplates();
  if (process.env.RG_TEST_RUN_DIR)
    await rm(process.env.RG_TEST_RUN_DIR, { recursive: true, force: true });
}
