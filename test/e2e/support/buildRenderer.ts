/**
 * vitest global setup (see vitest.config.ts): builds the studio page once, before any test file runs, when
 * dist/renderer is missing or older than renderer/ and shared/. End-to-end files then only build if the
 * output is missing (never mid-run: a rebuild empties dist/ under a page another test has open).
 * Skipped when the run names only test paths outside test/e2e (`npx vitest run test/unit/flow`), or with
 * BATON_SKIP_RENDERER_BUILD=1.
 */
import { existsSync } from 'node:fs';
import { ensureRendererBuilt } from './studio';

function onlyNonE2ePaths(): boolean {
  const paths = process.argv.slice(2).filter((a) => !a.startsWith('-') && existsSync(a));
  return paths.length > 0 && !paths.some((p) => p.replace(/\\/g, '/').includes('test/e2e') || p === 'test' || p === 'test/' || p === '.');
}

export default function setup(): void {
  if (process.env.BATON_SKIP_RENDERER_BUILD === '1' || onlyNonE2ePaths()) return;
  ensureRendererBuilt();
  process.env.BATON_RENDERER_BUILT = '1';
}
