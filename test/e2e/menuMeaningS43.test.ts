/**
 * Session 43 (menus): the inspector of Skyline Air's menu in the built studio shows, under the lost-bag option's (now 5)
 * synonyms, the line "Also picked by meaning: lost, delayed, damaged × bag". Screenshot: s43-menu-meaning.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)("a Buttons option's meaning line (session 43)", () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));

  it("Skyline Air's menu: the lost-bag option reads lost, delayed, damaged × bag; the agent option nothing", async () => {
    const { key } = await studio.api.createFlow({ template: 'travel-urgency' });
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node[data-id="menu"]').click();
    const bag = page.locator('[data-option-id="bag_problem"]');
    await bag.scrollIntoViewIfNeeded();
    await expect.poll(() => bag.getByRole('note').textContent()).toBe('Also picked by meaning: lost, delayed, damaged × bag');
    expect(await page.locator('[data-option-id="agent"]').getByRole('note').count()).toBe(0);
    await screenshot(page, 's43-menu-meaning');
  });
});
