import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Session 23: the test files of test/e2e and test/server that run without re-importing modules per file (project
 * 'services'). A file that replaces a module (vi.mock / vi.doMock) keeps a fresh module graph (project 'app'): without
 * isolation a module is imported once per worker, so the replacement would leak into (or miss) the files that share the
 * worker. Sorted when the config loads, so a new test that mocks a module lands in 'app' without anyone editing a list.
 */
const ROOT = fileURLToPath(new URL('./', import.meta.url));
function filesSharingModules(dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(ROOT + dir)
      .filter((name) => /\.test\.tsx?$/.test(name))
      .map((name) => `${dir}/${name}`)
      .filter((file) => !/\bvi\.(?:mock|doMock)\(/.test(readFileSync(ROOT + file, 'utf8'))),
  );
}
const SHARED = filesSharingModules(['test/e2e', 'test/server']);
// Session 39: the same for test/component (project 'component', one jsdom page per worker).
const SHARED_PAGE = filesSharingModules(['test/component']);
// Installs Chromium and redis-server with apt when missing and root (test/support/systemPrograms.ts), then builds the
// studio page once for the end-to-end tests (test/e2e/support/buildRenderer.ts); both skip what is already done.
const GLOBAL_SETUP = ['test/support/globalSetup.ts', 'test/e2e/support/buildRenderer.ts'];

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
        // test/e2e and test/server: each e2e file drives the real studio (its server in the test process) in Chromium, each
        // server file starts the runtime or the studio server over real HTTP. Session 23: without re-importing the servers'
        // modules for each file (isolate: false), as test/unit since session 11. Measured on this 2-core machine: test/e2e
        // alone 403 s -> 316 s (import 146 s -> 13 s), test/server alone 462-473 s (session 22) -> 279 s (import 14 s).
        // Each file closes what it starts (servers, browsers, temporary folders) and restores the environment variables
        // it sets, as before; the files that replace a module stay in 'app' (filesSharingModules).
        extends: true,
        test: {
          name: 'services',
          include: SHARED,
          isolate: false,
          globalSetup: GLOBAL_SETUP,
        },
      },
      {
        // test/component: React screens in jsdom. Session 39: one worker runs its files one after another on one jsdom page
        // without re-importing the modules for each file (isolate: false), as test/unit and 'services'. In session 38's
        // fresh-clone CI these 140 files took ~360 s of the run's 1,244 s, most of it a new process per file importing
        // jsdom, React and the studio again (a 0.5 s file took ~3 s); see docs/history.md "Session 39 (ci)". No
        // component file replaces a module today; one that does (vi.mock / vi.doMock) lands in 'app' (filesSharingModules).
        // Each file still starts from a clean page: test/component/support/freshPage.ts runs before every file and puts
        // back what files leave behind (timers, body, storage, address, title, properties defined on document and
        // navigator); setup.ts (jest-dom, Testing Library's cleanup after each test) runs before every file too.
        extends: true,
        test: {
          name: 'component',
          include: SHARED_PAGE,
          isolate: false,
          setupFiles: ['test/component/support/freshPage.ts', 'test/component/support/setup.ts'],
          globalSetup: GLOBAL_SETUP,
        },
      },
      {
        // Everything else (cli, and the e2e and server files that mock a module): each file in a fresh module graph, as
        // before.
        extends: true,
        test: {
          name: 'app',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/unit/**', ...SHARED, ...SHARED_PAGE, '**/node_modules/**'],
          globalSetup: GLOBAL_SETUP,
        },
      },
    ],
  },
});
