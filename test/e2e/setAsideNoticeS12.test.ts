/**
 * Newcomer s12 #2, in Chromium on the production pages: with the "changed outside the studio" banner up, the designer
 * edits a block and closes the tab without choosing Reload or Keep mine. When the flow is opened again the server keeps
 * those edits as a version of their own (they were made on the replaced file) and shows the file on disk; the editor
 * used to say only "Saved". It now says at once, in a notice, that the edits were not applied and which version holds
 * them. The version's summary no longer lists "sticky notes, groups" that nobody touched.
 * Screenshot: test/e2e/screenshots/fixstudio12-set-aside-notice.png (looked at).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('edits left unsaved under the disk-change banner (newcomer s12 #2)', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, browser, page } = h));

  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  const banner = () => page.getByRole('alert', { name: 'This flow was changed outside the studio' });

  it('are named on reopen: not applied, kept as a version, which one', async () => {
    const key = (await studio.api.createFlow({ template: 'customer-support' })).key;
    const file = join(studio.home, 'flows', `${key}.json`);
    await page.goto(studio.flowUrl(key));
    await node('main_menu').waitFor();
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Flow;
    (onDisk.blocks.find((b) => b.id === 'main_menu')!.data as { text: string }).text = 'MENU EDITED ON DISK';
    await writeFile(file, JSON.stringify(onDisk, null, 2) + '\n');
    await banner().waitFor({ timeout: 15_000 });

    // An edit with the banner up, journaled, then the tab goes away without Reload or Keep mine.
    await node('welcome').click();
    const box = page.getByLabel('Message', { exact: true });
    await box.fill('Welcome typed under the banner');
    await box.blur();
    const journal = join(studio.home, 'journal', `${key}.jsonl`);
    await expect.poll(() => existsSync(journal) && readFileSync(journal, 'utf8').includes('Welcome typed under the banner'), { timeout: 15_000 }).toBe(true);
    await page.goto(studio.url);
    await page.getByRole('heading', { name: 'Your flows' }).waitFor();

    await page.goto(studio.flowUrl(key));
    await node('main_menu').waitFor();
    const notice = page.getByRole('status').filter({ hasText: 'were not applied' });
    await notice.waitFor({ timeout: 15_000 });
    const said = (await notice.textContent()) ?? '';
    const version = Number(/kept as version (\d+)/.exec(said)?.[1]);
    expect(version).toBeGreaterThan(0);
    expect(said).toContain('Version history');
    // Newcomer s12 #1: the banner leaves the canvas's problems badge visible.
    const badge = (await page.locator('.st-problems-toggle').boundingBox())!;
    const over = (await notice.boundingBox())!;
    expect(badge.y + badge.height <= over.y || over.y + over.height <= badge.y || badge.x + badge.width <= over.x || over.x + over.width <= badge.x).toBe(true);
    await screenshot(page, 'fixstudio12-set-aside-notice');
    // The canvas shows the disk version; the version named holds the edit.
    expect(await node('main_menu').textContent()).toContain('MENU EDITED ON DISK');
    expect(JSON.stringify(await studio.api.version(key, version))).toContain('Welcome typed under the banner');
    const summary = (await studio.api.versions(key)).find((v) => v.revision === version)!.summary;
    expect(summary).toContain('1 block changed');
    expect(summary).not.toMatch(/sticky notes|groups|settings changed/);
    // Closed, it stays closed.
    await notice.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByRole('status').filter({ hasText: 'were not applied' }).count()).toBe(0);
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });
});
