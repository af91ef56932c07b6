/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // jose and github-slugger are ESM only: Node 20.19+ requires them natively, Jest 29 needs
    // them turned into CommonJS.
    '^.+\\.js$': '<rootDir>/test/support/esm-to-cjs.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|github-slugger)/)'],
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testSequencer: '<rootDir>/test/support/sequencer.js',
  // Says at the end what did not run here, and why (components missing, suites skipped).
  reporters: ['default', '<rootDir>/test/support/skip-reporter.js'],
  testTimeout: 120000,
  // Every suite creates its own throw-away MariaDB database (test/support/databases.ts).
  maxWorkers: 2,
};
