/**
 * Session 45 (tidy2, CI time): builds the `baton` bundle (dist/runtime, scripts/build-runtime.mjs) once before the test
 * files run when it is missing or older than its sources, so the `baton` processes the tests start (the CLI, `baton
 * serve`, `baton studio`: ~24 files, several starts each) load it instead of compiling the TypeScript through tsx at
 * every start. A fresh clone has no bundle, so every start went through tsx: `baton --version` took 14-21 s with tsx and
 * 8-10 s with the bundle at load 21 here (session 44: 21-22 s and 11 s at load 31).
 *
 * Still exact: bin/chooseRuntime.js decides at every start and runs tsx when any source is newer than the bundle (a file
 * edited while the tests run), and the bundle is what `npm start` and a packaged baton run. The unit and in-process tests
 * run the sources as before. BATON_RUNTIME=tsx: nothing is built and every start runs tsx (to test that path).
 * Skipped when the run names only paths where no test starts `baton` (`npx vitest run test/unit/flow`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain JavaScript module next to the bin script (no type declarations)
import { chooseRuntime } from '../../bin/chooseRuntime.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the test files that start `baton` are. */
const STARTS_BATON = ['test/cli', 'test/server', 'test/e2e'];

/** Whether the run names only projects or test paths where no file starts `baton` (then nothing is built). */
export function onlyOtherPaths(argv: readonly string[]): boolean {
  // `--project component` (or unit): no file of those projects starts `baton`.
  const projects = argv.flatMap((a, i) => (a === '--project' ? [argv[i + 1] ?? ''] : a.startsWith('--project=') ? [a.slice(10)] : []));
  if (projects.length > 0 && projects.every((p) => p === 'unit' || p === 'component')) return true;
  const paths = argv.filter((a) => !a.startsWith('-') && existsSync(a)).map((p) => p.replace(/\\/g, '/').replace(/^\.\//, ''));
  const whole = (p: string) => p === 'test' || p === 'test/' || p === '.' || STARTS_BATON.some((d) => p.startsWith(d));
  return paths.length > 0 && !paths.some(whole);
}

export function ensureRuntimeBundle(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv.slice(2)): void {
  if (env.BATON_RUNTIME === 'tsx' || onlyOtherPaths(argv)) return;
  const choice = chooseRuntime(ROOT) as { use: 'bundle' | 'tsx'; why: string };
  if (choice.use === 'bundle') return;
  const started = Date.now();
  process.stderr.write(`[test setup] building the baton bundle the server tests start (${choice.why})...\n`);
  execFileSync(process.execPath, ['scripts/build-runtime.mjs'], { cwd: ROOT, stdio: 'pipe' });
  const after = chooseRuntime(ROOT) as { use: 'bundle' | 'tsx'; why: string };
  process.stderr.write(`[test setup] built the baton bundle (${choice.why}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${after.use === 'bundle' ? 'the tests start it' : `still ${after.use}: ${after.why}`}\n`);
}
