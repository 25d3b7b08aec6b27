import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Starlight's Playwright setup forbids .only in CI; Vitest does the same here.
    allowOnly: !process.env.CI,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // The torchvision reference outputs, made from Caltech 101 once per cache (tests/helpers/reference.ts).
          globalSetup: ['tests/helpers/reference.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // One build and one static server for the whole run (tests/e2e/global-setup.ts).
          globalSetup: ['tests/e2e/global-setup.ts'],
          // One Chromium at a time: the CI machine has two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
