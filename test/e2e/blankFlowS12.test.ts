/**
 * Newcomer s12 #18 in Chromium: a blank flow (Start alone) opened on an empty canvas with a red badge and no word on
 * what to do, and a block clicked in the palette landed unconnected under Start (four errors at once). The canvas now
 * says what to do, and the first block clicked goes after Start, connected.
 * Screenshots: test/e2e/screenshots/fixstudio12-blank-flow*.png (looked at).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('a blank flow (newcomer s12 #18)', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, browser, page } = h));

  it('says what to do, and the first palette block is connected after Start', async () => {
    const key = (await studio.api.createFlow({})).key;
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node[data-id="start"]').waitFor();
    const hint = page.getByRole('note').filter({ hasText: 'An empty flow' });
    await hint.waitFor();
    await screenshot(page, 'fixstudio12-blank-flow');
    await page.locator('.st-palette-item[data-kind="message"]').click();
    await page.locator('.react-flow__node[data-id="message-1"]').waitFor();
    await expect.poll(() => hint.count()).toBe(0);
    await expect.poll(() => page.locator('.bt-save-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('saved');
    const flow = (await studio.api.openFlow(key)).flow;
    expect(flow.edges.map((e) => [e.from, e.exit, e.to])).toEqual([['start', 'next', 'message-1']]);
    await screenshot(page, 'fixstudio12-blank-flow-first-block');
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });
});
