/**
 * Newcomer s11 #17, in Chromium on the production pages: a flow file edited on disk (an editor, git) while the studio
 * has it open. The studio notices (it asks the server every few seconds and on focus) and shows "This flow was changed
 * outside the studio" with Reload and Keep mine; nothing is saved over the file until the designer chooses.
 *  - Reload: the canvas shows the disk text; the studio's unsaved edit is kept as a version and the notice says which.
 *  - Keep mine: the file gets the studio's text; the disk version is kept as a version and the notice says which.
 * Screenshots: test/e2e/screenshots/fixstudio11-disk-changed*.png (looked at).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('a flow file changed on disk while the studio has it open (newcomer s11 #17)', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, browser, page } = h));

  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  const banner = () => page.getByRole('alert', { name: 'This flow was changed outside the studio' });

  /** Opens a Northwind flow, changes its Welcome text in the studio (saved), then edits the menu text on disk. */
  async function openAndEditOnDisk() {
    const key = (await studio.api.createFlow({ template: 'customer-support' })).key;
    const file = join(studio.home, 'flows', `${key}.json`);
    await page.goto(studio.flowUrl(key));
    await node('main_menu').waitFor();
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Flow;
    (onDisk.blocks.find((b) => b.id === 'main_menu')!.data as { text: string }).text = 'MENU EDITED ON DISK';
    const diskText = JSON.stringify(onDisk, null, 2) + '\n';
    await writeFile(file, diskText);
    return { key, file, diskText };
  }

  async function editWelcomeInStudio(text: string) {
    await node('welcome').click();
    const box = page.getByLabel('Message', { exact: true });
    await box.fill(text);
    await box.blur();
  }

  it('Reload: the banner comes, the canvas then shows the disk text, and the studio edit is kept as a version', async () => {
    const { key, file, diskText } = await openAndEditOnDisk();
    await editWelcomeInStudio('Welcome changed in the studio');
    await banner().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.bt-save-status').textContent()).toContain('Changed on disk');
    await screenshot(page, 'fixstudio11-disk-changed-banner');
    // Nothing was saved over the disk edit.
    expect(await readFile(file, 'utf8')).toBe(diskText);

    await banner().getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => node('main_menu').textContent(), { timeout: 15_000 }).toContain('MENU EDITED ON DISK');
    const notice = page.getByRole('status').filter({ hasText: 'Your unsaved studio edits are kept as version' });
    await notice.waitFor();
    await screenshot(page, 'fixstudio11-disk-changed-reloaded');
    expect(await node('welcome').textContent()).not.toContain('Welcome changed in the studio');
    expect(await readFile(file, 'utf8')).toBe(diskText);
    const versions = await studio.api.versions(key);
    const mine = versions.find((v) => /unsaved edits/.test(v.summary));
    expect(mine, JSON.stringify(versions.map((v) => v.summary))).toBeTruthy();
    expect(JSON.stringify(await studio.api.version(key, mine!.revision))).toContain('Welcome changed in the studio');
    expect(await banner().count()).toBe(0);
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });

  it('a malformed file on disk: the banner says where the error is; Reload changes nothing and the studio copy stays', async () => {
    const key = (await studio.api.createFlow({ template: 'customer-support' })).key;
    const file = join(studio.home, 'flows', `${key}.json`);
    await page.goto(studio.flowUrl(key));
    await node('main_menu').waitFor();
    await editWelcomeInStudio('Welcome typed before the file broke');
    await expect.poll(() => page.locator('.bt-save-status').textContent(), { timeout: 15_000 }).toContain('Saved');
    const broken = (await readFile(file, 'utf8')).replace('"blocks": [', '"blocks": [,');
    await writeFile(file, broken);
    await banner().waitFor({ timeout: 15_000 });
    await expect.poll(() => banner().textContent()).toMatch(/not a readable flow: .*line \d+/);
    await banner().getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => banner().textContent()).toMatch(/not a readable flow/);
    await screenshot(page, 'fixstudio11-disk-changed-malformed');
    expect(await readFile(file, 'utf8')).toBe(broken);
    expect(await node('welcome').textContent()).toContain('Welcome typed before the file broke');
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });

  it('Keep mine: the file gets the studio text and the disk version is kept as a version', async () => {
    const { key, file, diskText } = await openAndEditOnDisk();
    await banner().waitFor({ timeout: 15_000 });
    await editWelcomeInStudio('Welcome kept by Keep mine');
    await page.waitForTimeout(1500);
    expect(await readFile(file, 'utf8')).toBe(diskText);
    await banner().getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(async () => ((JSON.parse(await readFile(file, 'utf8')) as Flow).blocks.find((b) => b.id === 'welcome')!.data as { text: string }).text, { timeout: 15_000 }).toBe(
      'Welcome kept by Keep mine',
    );
    const notice = page.getByRole('status').filter({ hasText: 'changed outside the studio' });
    await notice.waitFor();
    await screenshot(page, 'fixstudio11-disk-changed-kept-mine');
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Flow;
    expect((onDisk.blocks.find((b) => b.id === 'main_menu')!.data as { text: string }).text).not.toBe('MENU EDITED ON DISK');
    const versions = await studio.api.versions(key);
    const outside = versions.find((v) => /changed outside the studio/.test(v.summary));
    expect(outside, JSON.stringify(versions.map((v) => v.summary))).toBeTruthy();
    expect(JSON.stringify(await studio.api.version(key, outside!.revision))).toContain('MENU EDITED ON DISK');
    await expect.poll(() => page.locator('.bt-save-status').textContent()).toContain('Saved');
    expect(await banner().count()).toBe(0);
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });
});
