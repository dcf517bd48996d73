import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Installs Chromium and redis-server with apt when missing and root (test/support/systemPrograms.ts).
    // Then builds the studio page once for the end-to-end tests (test/e2e/support/buildRenderer.ts).
    globalSetup: ['test/support/globalSetup.ts', 'test/e2e/support/buildRenderer.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
