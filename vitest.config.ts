import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_DEV: 'false', POWERTOOLS_METRICS_DISABLED: 'true' },
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/console-build-setup.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/console-build-setup.ts', 'test/support/global-setup.ts'],
          testTimeout: 60_000,
          // Starting a hub loads every function (transforms included): seconds alone, minutes on a loaded machine.
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          // The risk console in a real browser (Debian's chromium through playwright-core).
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/console-build-setup.ts', 'test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      // `npm run docs:screenshots` only (RB_SCREENSHOTS=1): writes docs/console/*.jpg; no assertions.
      ...(process.env['RB_SCREENSHOTS']
        ? [{ test: { name: 'screenshots', include: ['test/browser/**/*.screens.ts'], globalSetup: ['test/support/console-build-setup.ts', 'test/support/global-setup.ts'], testTimeout: 300_000, hookTimeout: 180_000 } }]
        : []),
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
