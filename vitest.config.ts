import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two test files at a time. Vitest's default on a 2-core machine is one (cores - 1), and most of this suite waits
    // (Chromium, servers, redis, timers) rather than computes: session 17's fresh-clone run took 19.6 min with one
    // worker. Session 18: the whole suite with two workers at load 15-20 (8 helpers busy) passed 5,266 of 5,266 in
    // 49 min, where one worker at the same load took ~60 min for 4,940 (session 17's newcomer).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for a state to arrive (a row after a server round trip, a saved badge, a bot reply): vitest's
    // default of 1 s is a bet a busy CI machine loses (2 cores, Chromium, redis and other test workers at once). A
    // poll still fails when the state never comes, only later; tests that need less or more pass their own timeout.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        // test/unit: pure code (shared/, the engine, NLU, escalation corpora), no servers, browsers or system programs.
        // One worker process runs these files one after another without re-importing the modules for each file
        // (isolate: false): on the 2-core CI machine the re-import cost more than the tests themselves (session 11:
        // test/unit import 45 s instead of 367 s). A unit test must therefore leave what it changes (process.env.TZ,
        // fake timers) as it found it: the ones that change anything restore it in afterEach/afterAll.
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'], isolate: false },
      },
      {
        // test/e2e: each file drives the real studio (its server in the test process) in Chromium. Session 23: without
        // re-importing the server's modules for each of the ~48 files (isolate: false), as test/unit since session 11: on
        // the 2-core machine the e2e files' import time fell from 146 s to 13 s (test/e2e alone: 403 s -> 316 s). Each
        // file closes what it starts (servers, browsers, temporary folders) in afterAll, as before.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          isolate: false,
          globalSetup: ['test/support/globalSetup.ts', 'test/e2e/support/buildRenderer.ts'],
        },
      },
      {
        // Everything else (component, server, cli): each file in a fresh module graph, as before.
        extends: true,
        test: {
          name: 'app',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/unit/**', 'test/e2e/**', '**/node_modules/**'],
          // Installs Chromium and redis-server with apt when missing and root (test/support/systemPrograms.ts).
          // Then builds the studio page once for the end-to-end tests (test/e2e/support/buildRenderer.ts).
          globalSetup: ['test/support/globalSetup.ts', 'test/e2e/support/buildRenderer.ts'],
        },
      },
    ],
  },
});
