/**
 * Says at the end of a run what did not run and why: the components the run went without
 * (found by globalSetup: MariaDB, Redis, Chromium, R with rsdmx) and the suites whose tests were skipped, so
 * a green run on a machine without them is not mistaken for a full one.
 */
'use strict';

class SkipReporter {
  onRunComplete(_contexts, results) {
    const missing = JSON.parse(process.env.RG_TEST_MISSING ?? '[]');
    const skipped = results.testResults
      .map((file) => ({
        file: file.testFilePath.replace(`${process.cwd()}/`, ''),
        count: file.numPendingTests + file.numTodoTests,
        whole: file.skipped,
      }))
      .filter((file) => file.count > 0 || file.whole);
    if (missing.length === 0 && skipped.length === 0) return;
    const lines = ['', 'Not run here:'];
    for (const reason of missing) lines.push(`  - ${reason}`);
    for (const { file, count, whole } of skipped)
      lines.push(`  - ${file}: ${whole ? 'the whole suite' : `${count} test(s)`} skipped`);
    lines.push(
      '  CI installs and starts every component (.ci/run) and fails instead of skipping (REQUIRE_MYSQL, REQUIRE_REDIS, REQUIRE_CHROMIUM, REQUIRE_RSDMX).',
      '',
    );
    process.stderr.write(`${lines.join('\n')}\n`);
  }
}

module.exports = SkipReporter;
