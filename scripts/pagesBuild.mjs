/**
 * The one place that knows how the browser pages (studio, agent inbox, customer widget) are built into
 * dist/renderer and when they need building. Plain JavaScript so that `npm start` (scripts/start.mjs, run by node
 * without TypeScript) and `baton serve` / `baton studio` (runtime/cli/ensurePagesBuilt.ts) share it; types are in
 * pagesBuild.d.mts.
 *
 *   missingPages(root, ['inbox', 'widget'])   // pages whose index.html is not there
 *   stalePages(root, ['studio'])              // missing, or older than a file under renderer/ or shared/
 *   runPagesBuild(root, { output: 'stderr' }) // `npm run build` (every page), { ok, detail? }
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** dist/renderer/PAGE/index.html */
export function pageIndex(root, page) {
  return join(root, 'dist/renderer', page, 'index.html');
}

/** The pages of `pages` whose built index.html is missing. */
export function missingPages(root, pages) {
  return pages.filter((p) => !existsSync(pageIndex(root, p)));
}

/** Newest modification time of a file under a folder (0 when the folder is missing). */
export function newestUnder(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newestUnder(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** The pages of `pages` that are missing or older than the newest source of the pages (renderer/, shared/). */
export function stalePages(root, pages) {
  const missing = missingPages(root, pages);
  const present = pages.filter((p) => !missing.includes(p));
  if (present.length === 0) return missing;
  const sources = Math.max(newestUnder(join(root, 'renderer')), newestUnder(join(root, 'shared')));
  return pages.filter((p) => missing.includes(p) || statSync(pageIndex(root, p)).mtimeMs < sources);
}

/** A source checkout with its dev dependencies can build the pages; an installation without them cannot. */
export function canBuildPages(root) {
  return existsSync(join(root, 'vite.config.ts')) && existsSync(join(root, 'node_modules/vite'));
}

/**
 * The environment a pages build runs in: BATON_ENTRIES (which narrows the build to some pages) dropped, and
 * NODE_ENV=production, so React is built for production whatever the caller's NODE_ENV is (vitest sets `test`, a
 * developer's shell may say `development`; vite keeps a NODE_ENV it finds, and React then builds its development
 * version, where StrictMode runs every effect twice). Every build of the pages (npm start, baton serve/studio, the
 * end-to-end tests) makes the same pages users get.
 */
export function pagesBuildEnv(env = process.env) {
  const out = { ...env, NODE_ENV: 'production' };
  delete out.BATON_ENTRIES;
  return out;
}

/**
 * Runs `npm run build --silent` in `root` (every page: BATON_ENTRIES, which narrows the build to some pages, is
 * dropped; production React: pagesBuildEnv). output 'stdout': the build's output goes where ours goes; 'stderr': its stdout goes to our stderr, so a
 * command whose stdout is its own result (a JSON log, a URL) keeps it clean.
 */
export function runPagesBuild(root, o = {}) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const env = pagesBuildEnv();
  const stdio = o.output === 'stderr' ? ['ignore', 2, 'inherit'] : 'inherit';
  const r = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio, env });
  if (r.error) return { ok: false, detail: r.error.message };
  return r.status === 0 ? { ok: true } : { ok: false, detail: `npm run build exited with ${r.status}` };
}
