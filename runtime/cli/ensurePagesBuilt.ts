/**
 * The browser pages (studio, agent inbox, customer widget) are React apps that Vite builds into dist/renderer.
 * `npm start` builds them; `baton serve` and `baton studio` run right after `npm install` too, so when a page is
 * missing in a source checkout they build it first (once, about half a minute) instead of serving a broken page.
 * A page older than its sources (renderer/ or shared/ changed since the last build, e.g. after `git pull`) is rebuilt
 * the same way in a source checkout, as `npm start` does for the studio: otherwise the fixes just pulled stay invisible.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canBuildPages, missingPages, runPagesBuild, stalePages, type PageName } from '../../scripts/pagesBuild.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export type { PageName };

export interface EnsureOptions {
  root?: string;
  /** Where progress goes (stderr by default: stdout is for the command's own output). */
  log?: (line: string) => void;
  /** Runs `npm run build` (replaced in tests). */
  build?: (root: string) => { ok: boolean; detail?: string };
}

export type EnsureResult =
  | { built: false; missing: [] }
  | { built: true; missing: PageName[]; stale?: PageName[] }
  | { built: false; missing: PageName[]; stale?: PageName[]; why: string };

// stdout stays the command's own (a JSON log, a URL): the build's output goes to stderr.
const npmBuild = (root: string) => runPagesBuild(root, { output: 'stderr' });

/** Builds the pages when one of `pages` is missing; says what it did, or why the pages stay missing. */
export function ensurePagesBuilt(pages: readonly PageName[], o: EnsureOptions = {}): EnsureResult {
  const root = o.root ?? repoRoot;
  const log = o.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const missing = missingPages(root, pages);
  if (missing.length === 0) {
    // Present but older than their sources: rebuild in a source checkout (an installation cannot, and its pages
    // match its sources anyway).
    if (!canBuildPages(root)) return { built: false, missing: [] };
    const stale = stalePages(root, pages);
    if (stale.length === 0) return { built: false, missing: [] };
    const plural = stale.length === 1 ? '' : 's';
    log(`baton: the ${stale.join(', ')} page${plural} ${stale.length === 1 ? 'is' : 'are'} older than ${stale.length === 1 ? 'its' : 'their'} sources (renderer/ or shared/ changed since the last build): rebuilding first (npm run build, about half a minute)…`);
    const r = (o.build ?? npmBuild)(root);
    if (!r.ok) {
      const why = `rebuilding the pages failed (${r.detail ?? 'npm run build failed'}); the previous build is served; run \`npm run build\` in ${root} to see the errors`;
      log(`baton: ${why}`);
      return { built: false, missing: [], stale, why };
    }
    return { built: true, missing: [], stale };
  }
  if (!canBuildPages(root)) {
    const why = `the ${missing.join(', ')} page${missing.length === 1 ? ' is' : 's are'} not built and this installation cannot build ${missing.length === 1 ? 'it' : 'them'} (no vite.config.ts or node_modules/vite): run \`npm install\` then \`npm run build\` in ${root}`;
    log(`baton: ${why}`);
    return { built: false, missing, why };
  }
  log(`baton: building the ${missing.join(', ')} page${missing.length === 1 ? '' : 's'} first (npm run build, once, about half a minute)…`);
  const r = (o.build ?? npmBuild)(root);
  const still = missingPages(root, pages);
  if (!r.ok || still.length > 0) {
    const why = `building the pages failed (${r.detail ?? `${still.join(', ')} still missing`}); run \`npm run build\` in ${root} to see the errors`;
    log(`baton: ${why}`);
    return { built: false, missing: still, why };
  }
  return { built: true, missing };
}
