/**
 * Hostile s12 #3 in Chromium: the flow file deleted while the studio has it open. The banner says the file is gone and
 * offers Keep mine (writes it again), not Reload. Screenshot: test/e2e/screenshots/fixstudio12-disk-missing.png (looked at).
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('the flow file deleted while open (hostile s12 #3)', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, browser, page } = h));

  it('the banner says it is gone; Keep mine writes it again', async () => {
    const key = (await studio.api.createFlow({ template: 'customer-support' })).key;
    const file = join(studio.home, 'flows', `${key}.json`);
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node[data-id="main_menu"]').waitFor();
    await rm(file);
    const banner = page.getByRole('alert', { name: 'This flow was changed outside the studio' });
    await banner.waitFor({ timeout: 15_000 });
    await expect.poll(() => banner.textContent()).toContain('The file was deleted, or a git checkout removed it. Keep mine writes the studio\'s copy back');
    expect(await banner.getByRole('button', { name: /Reload/ }).count()).toBe(0);
    await screenshot(page, 'fixstudio12-disk-missing');
    await banner.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => existsSync(file), { timeout: 15_000 }).toBe(true);
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });
});
