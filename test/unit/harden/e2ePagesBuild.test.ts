// How the pages are built for users and for the end-to-end tests: scripts/pagesBuild.mjs pagesBuildEnv (production
// React whatever NODE_ENV the caller has) and test/e2e/support/studio.ts installBuild (a new build moved in without
// emptying dist/renderer under pages that are open, keeping the previous build's files).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pagesBuildEnv } from '../../../scripts/pagesBuild.mjs';
import { installBuild } from '../../e2e/support/studio';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'baton-e2e-pages-'));
  dirs.push(d);
  return d;
};
const put = (root: string, files: Record<string, string>) => {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
};
const read = (root: string, f: string) => (existsSync(join(root, f)) ? readFileSync(join(root, f), 'utf8') : null);

describe('pagesBuildEnv', () => {
  it('builds production React whatever NODE_ENV says, for every page, keeping the rest of the environment', () => {
    const given = { NODE_ENV: 'test', BATON_ENTRIES: 'studio', PATH: '/usr/bin' };
    const env = pagesBuildEnv(given);
    expect(env).toEqual({ NODE_ENV: 'production', PATH: '/usr/bin' });
    expect(given).toEqual({ NODE_ENV: 'test', BATON_ENTRIES: 'studio', PATH: '/usr/bin' }); // not changed
    expect(pagesBuildEnv({ NODE_ENV: 'development' }).NODE_ENV).toBe('production');
  });
});

describe('installBuild (e2e harness)', () => {
  it('moves a build in without removing what open pages use; a third build removes the first one only', () => {
    const out = temp();
    // A build made by someone else (no stamp): nothing of it is removed by the first install.
    put(out, { 'widget/index.html': 'old', 'assets/old-1.js': 'old js' });
    const a = temp();
    put(a, { 'widget/index.html': 'A', 'assets/widget-A.js': 'A js' });
    installBuild(a, out);
    expect(read(out, 'widget/index.html')).toBe('A');
    expect(read(out, 'assets/widget-A.js')).toBe('A js');
    expect(read(out, 'assets/old-1.js')).toBe('old js');
    expect(existsSync(join(a, 'widget/index.html'))).toBe(false); // moved, not copied

    const b = temp();
    put(b, { 'widget/index.html': 'B', 'assets/widget-B.js': 'B js' });
    installBuild(b, out);
    expect(read(out, 'widget/index.html')).toBe('B');
    // A page opened on build A still loads its assets while build B is in place.
    expect(read(out, 'assets/widget-A.js')).toBe('A js');
    expect(read(out, 'assets/old-1.js')).toBeNull(); // neither A nor B
    const stamp = JSON.parse(read(out, '.e2e-build.json')!) as { nodeEnv: string; files: string[]; previous: string[] };
    expect(stamp.nodeEnv).toBe('production');
    expect(stamp.files.sort()).toEqual(['assets/widget-B.js', 'widget/index.html']);
    expect(stamp.previous.sort()).toEqual(['assets/widget-A.js', 'widget/index.html']);

    const c = temp();
    put(c, { 'widget/index.html': 'C', 'assets/widget-C.js': 'C js' });
    installBuild(c, out);
    expect(read(out, 'assets/widget-A.js')).toBeNull();
    expect(read(out, 'assets/widget-B.js')).toBe('B js');
    expect(read(out, 'assets/widget-C.js')).toBe('C js');
    expect(read(out, 'widget/index.html')).toBe('C');
  });
});
