/**
 * The browser pages (studio, agent inbox, customer widget) are React apps that Vite builds into dist/renderer.
 * `npm start` builds them; `baton serve` and `baton studio` run right after `npm install` too, so when a page is
 * missing in a source checkout they build it first (once, about half a minute) instead of serving a broken page.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canBuildPages, missingPages, runPagesBuild, type PageName } from '../../scripts/pagesBuild.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export type { PageName };

export interface EnsureOptions {
  root?: string;
  /** Where progress goes (stderr by default: stdout is for the command's own output). */
  log?: (line: string) => void;
  /** Runs `npm run build` (replaced in tests). */
  build?: (root: string) => { ok: boolean; detail?: string };
}

export type EnsureResult = { built: false; missing: [] } | { built: true; missing: PageName[] } | { built: false; missing: PageName[]; why: string };

// stdout stays the command's own (a JSON log, a URL): the build's output goes to stderr.
const npmBuild = (root: string) => runPagesBuild(root, { output: 'stderr' });

/** Builds the pages when one of `pages` is missing; says what it did, or why the pages stay missing. */
export function ensurePagesBuilt(pages: readonly PageName[], o: EnsureOptions = {}): EnsureResult {
  const root = o.root ?? repoRoot;
  const log = o.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const missing = missingPages(root, pages);
  if (missing.length === 0) return { built: false, missing: [] };
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
