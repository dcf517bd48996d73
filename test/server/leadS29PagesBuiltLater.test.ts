/**
 * Newcomer s29 N1: the first `npx baton studio` after `npm install` showed a blank white page. The studio server starts
 * before the pages are built (ensurePagesBuilt runs after it, so a taken port fails at once), and it registered its
 * static files only when dist/renderer already existed: after the build, the page loaded with every /assets file 404
 * until a restart. Files the build writes after the server started are now served.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';
import { cookieName } from '../../runtime/studio/studioAuth';

let dir: string;
let studio: StudioServer | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('pages built after the studio server started (newcomer s29 N1)', () => {
  it('serves the page and its assets once the build has written them', async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-pages-later-'));
    const rendererDir = join(dir, 'dist', 'renderer'); // not there yet, as right after npm install
    studio = await startStudioServer({ home: join(dir, 'home'), port: 0, rendererDir });
    const s = studio;
    // As the browser has it after opening the printed link: the per-launch cookie.
    const get = (path: string) => fetch(`${s.origin}${path}`, { headers: { cookie: `${cookieName(Number(new URL(s.origin).port))}=${encodeURIComponent(s.secret)}` } });
    const before = await get('/studio/');
    expect(before.status).toBe(503); // "The studio is not built"
    // The build writes the pages.
    await mkdir(join(rendererDir, 'studio'), { recursive: true });
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'studio', 'index.html'), '<html><head><script type="module" src="/assets/studio-x.js"></script></head><body></body></html>');
    await writeFile(join(rendererDir, 'assets', 'studio-x.js'), 'console.log("studio")');
    await writeFile(join(rendererDir, 'assets', 'studio-x.css'), 'body{}');
    const page = await get('/studio/');
    expect(page.status).toBe(200);
    const js = await get('/assets/studio-x.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toBe('console.log("studio")');
    const css = await get('/assets/studio-x.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect((await get('/assets/nothing.js')).status).toBe(404);
  });
});
