/* eslint-disable no-restricted-syntax -- the test harness reads its own switches, not app config */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it when missing). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** CI sets REQUIRE_CHROMIUM=1: a missing browser then fails the run instead of skipping. */
const REQUIRE_CHROMIUM = process.env.REQUIRE_CHROMIUM === '1';

/** Whether the browser tests can run here; outside CI a missing Chromium skips them, loudly. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (REQUIRE_CHROMIUM)
    throw new Error(`REQUIRE_CHROMIUM=1 but there is no Chromium at ${CHROMIUM}`);
  console.warn(
    `Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`,
  );
  return false;
}

/**
 * Headless Chromium as a machine with no network would run it: no background requests of its own
 * (updates, sync, safe browsing), so every request the tests see comes from the page.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
    ],
  });
}
