/**
 * Session 47 (apisec2): Flow settings > Variables > "Signed only" in the real studio. The customer-support template
 * marks cartValue signed (its hot-lead rule reads it): the box is ticked and the flow has no problem; unticked, the
 * Problems list says any visitor can make themselves a hot lead; ticked again, the warning goes.
 * Screenshots: test/e2e/screenshots/apisec2-s47-studio-*.png (looked at).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('studio: Signed only', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, browser, page } = h));

  it('the template ticks cartValue; unticking it warns in Problems, ticking it again clears the warning', async () => {
    const created = await studio.api.createFlow({ template: 'customer-support' });
    await page.goto(studio.flowUrl(created.key));
    await page.locator('.react-flow__node[data-id="start"]').waitFor();
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click();
    await page.getByRole('tab', { name: 'Variables' }).click();
    const box = page.getByLabel('cartValue: signed only');
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'apisec2-s47-studio-signed-only');
    await box.uncheck();
    const toggle = page.locator('.st-problems-toggle');
    await expect.poll(async () => (await toggle.textContent()) ?? '', { timeout: 15_000 }).toMatch(/1 warning in this flow/);
    await toggle.click();
    // The studio shows quotes curly (“cartValue”).
    const item = page.getByText(/A hot-lead rule of the escalation policy reads .cartValue., which any visitor can set/).first();
    await item.waitFor();
    await screenshot(page, 'apisec2-s47-studio-warning');
    await box.check();
    await expect.poll(async () => (await toggle.textContent()) ?? '', { timeout: 15_000 }).not.toMatch(/warning/);
    await expect.poll(async () => (await studio.api.openFlow(created.key)).flow.variables.find((v) => v.name === 'cartValue')?.signed, { timeout: 10_000 }).toBe(true);
    // Offered only where it matters: orderNumber (a Question asks it) has no box.
    expect(await page.getByLabel('orderNumber: signed only').count()).toBe(0);
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });
});
