// Which code `baton` runs: the prebuilt bundle dist/runtime/main.mjs (`npm run build`, scripts/build-runtime.mjs)
// or the TypeScript sources through tsx. The bundle is used only when it is at least as new as every source file
// it was built from (listed in dist/runtime/inputs.json), so a developer who edits a .ts file, or pulls, never
// runs stale code: any newer, missing or unreadable input means tsx, as in a fresh clone with no build.
// BATON_RUNTIME=tsx or BATON_RUNTIME=bundle forces one (benchmarks, debugging); a forced bundle that is missing
// still falls back to tsx, with the reason.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {string} root repository root (the folder holding dist/ and runtime/)
 * @param {{ env?: Record<string, string | undefined>, stat?: (path: string) => { mtimeMs: number }, read?: (path: string) => string }} [o]
 * @returns {{ use: 'bundle' | 'tsx', why: string }}
 */
export function chooseRuntime(root, o = {}) {
  const env = o.env ?? process.env;
  const stat = o.stat ?? ((p) => statSync(p));
  const read = o.read ?? ((p) => readFileSync(p, 'utf8'));
  const forced = env.BATON_RUNTIME;
  if (forced === 'tsx') return { use: 'tsx', why: 'BATON_RUNTIME=tsx' };
  const bundle = join(root, 'dist/runtime/main.mjs');
  const list = join(root, 'dist/runtime/inputs.json');
  let builtMs;
  let inputs;
  try {
    builtMs = Math.min(stat(bundle).mtimeMs, stat(list).mtimeMs);
    inputs = JSON.parse(read(list)).inputs;
    if (!Array.isArray(inputs) || inputs.length === 0) return { use: 'tsx', why: 'dist/runtime/inputs.json lists no sources' };
  } catch {
    return { use: 'tsx', why: 'no runtime bundle (npm run build makes one)' };
  }
  if (forced === 'bundle') return { use: 'bundle', why: 'BATON_RUNTIME=bundle' };
  for (const file of inputs) {
    let m;
    try {
      m = stat(join(root, file)).mtimeMs;
    } catch {
      return { use: 'tsx', why: `${file} is gone since the bundle was built` };
    }
    if (m > builtMs) return { use: 'tsx', why: `${file} changed after the bundle was built (npm run build)` };
  }
  return { use: 'bundle', why: 'dist/runtime/main.mjs is up to date' };
}
