import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Installs Chromium and redis-server with apt when missing and root (test/support/systemPrograms.ts).
    // Then builds the studio page once for the end-to-end tests (test/e2e/support/buildRenderer.ts).
    globalSetup: ['test/support/globalSetup.ts', 'test/e2e/support/buildRenderer.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for a state to arrive (a row after a server round trip, a saved badge, a bot reply): vitest's
    // default of 1 s is a bet a busy CI machine loses (2 cores, Chromium, redis and other test workers at once). A
    // poll still fails when the state never comes, only later; tests that need less or more pass their own timeout.
    expect: { poll: { timeout: 10_000 } },
  },
});
