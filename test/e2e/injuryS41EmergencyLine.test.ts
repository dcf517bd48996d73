/**
 * Session 41 (injury, hostile s40 H2), in Chromium (screenshot test/e2e/screenshots/injuryS41-emergency-line.png, looked
 * at): Flow settings > Escalation > Urgency > Emergency line, under Crisis line; a line typed there is saved into the flow.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('session 41: the emergency line in Flow settings', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, browser, page } = h));

  it('is shown under Urgency and saved when written', { timeout: 180_000 }, async () => {
    const { key } = await studio.api.createFlow({ template: 'customer-support' });
    await page.goto(studio.url);
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Flow settings' }).click();
    await page.getByRole('tab', { name: 'Escalation' }).click();
    const field = page.getByLabel('Emergency line', { exact: true });
    await field.scrollIntoViewIfNeeded();
    expect(await field.inputValue()).toBe('');
    const line = 'If someone is hurt, call 999 now and tell a member of staff.';
    await field.fill(line);
    await field.press('Tab');
    await expect.poll(async () => (await studio.api.openFlow(key)).flow.escalation.urgency.emergencyLine, { timeout: 10_000 }).toBe(line);
    await screenshot(page, 'injuryS41-emergency-line');
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });
});
