/* eslint-disable no-restricted-syntax -- the test harness reads its own switches, not app config */
import { existsSync } from 'node:fs';

/** Debian's R with rsdmx (`apt-get install r-cran-rsdmx`; `.ci/run` installs it when missing). */
export const RSCRIPT = process.env.RSCRIPT_PATH ?? '/usr/bin/Rscript';
const RSDMX = '/usr/lib/R/site-library/rsdmx';
/** CI sets REQUIRE_RSDMX=1: a missing R or rsdmx then fails the run instead of skipping. */
const REQUIRE_RSDMX = process.env.REQUIRE_RSDMX === '1';

/** Whether the rsdmx test can run here; outside CI a missing R skips it, loudly. */
export function rsdmxAvailable(): boolean {
  if (existsSync(RSCRIPT) && existsSync(RSDMX)) return true;
  if (REQUIRE_RSDMX)
    throw new Error(`REQUIRE_RSDMX=1 but there is no R with rsdmx (${RSCRIPT}, ${RSDMX})`);
  console.warn('The rsdmx test is skipped: no R with rsdmx (apt-get install r-cran-rsdmx).');
  return false;
}
