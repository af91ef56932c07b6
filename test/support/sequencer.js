'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- jest loads its sequencer as CommonJS */
const Sequencer = require('@jest/test-sequencer').default;

/**
 * The suites that take longest, longest first (measured in CI: the scale-1 calibration seeds
 * 2.4 million survey answers into each database; the averaging attacks send thousands of
 * queries). Jest orders by the durations of the last run, which a fresh clone does not have:
 * it then goes by file size, and a long suite that starts last keeps one worker busy alone at
 * the end. These start first whatever the cache says; the rest keep Jest's order.
 */
const SLOWEST = [
  'test/calibration/scale-1.test.ts',
  'test/disclosure/averaging-attack.test.ts',
  'test/indicators/indicators-api.test.ts',
  'test/engagement/engagement.test.ts',
];

class SlowestFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const i = SLOWEST.findIndex((suffix) => test.path.endsWith(suffix));
      return i < 0 ? SLOWEST.length : i;
    };
    const ordered = super.sort(tests);
    return ordered
      .map((test, i) => ({ test, i }))
      .sort((a, b) => rank(a.test) - rank(b.test) || a.i - b.i)
      .map(({ test }) => test);
  }
}

module.exports = SlowestFirst;
