/**
 * Newcomer s12 #22 in Chromium: the offer's two buttons with the same label are marked at the field in Flow settings >
 * Escalation (red border, the error under it), not only in the problems badge.
 * Screenshot: test/e2e/screenshots/fixstudio12-offer-fields.png (looked at).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('the offer buttons in Flow settings (newcomer s12 #22)', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, browser, page } = h));

  it('the field with the error is marked', async () => {
    const key = (await studio.api.createFlow({ template: 'customer-support' })).key;
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node[data-id="main_menu"]').waitFor();
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click(); // session 27: settings open on demand
    await page.getByRole('tab', { name: 'Escalation' }).click();
    await page.getByLabel('Mode', { exact: true }).selectOption('graduated');
    await page.getByLabel(/Step 2 button: talk to a person/i).fill('Yes please');
    const bot = page.getByLabel(/Step 2 button: keep chatting/i);
    await bot.fill('yes please!');
    await bot.blur();
    const field = page.locator('[data-settings-path="$.escalation.texts.botButton"]');
    await expect.poll(() => field.getAttribute('data-tone')).toBe('error');
    await field.scrollIntoViewIfNeeded();
    expect(await field.getByRole('alert').textContent()).toContain('The two buttons of the offer read the same');
    await screenshot(page, 'fixstudio12-offer-fields');
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });
});
