/**
 * Newcomer s28 N1: Export (logic only, no block positions) then Import opened the flow as a grid in file order, blocks
 * overlapping and edges criss-crossing. A flow with no positions is laid out when it opens (one undoable edit) and the
 * studio says so. Screenshot: test/e2e/screenshots/s28-import-unplaced.png (looked at).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type BrowserHandle, type StudioHandle } from './support/studio';
import { generateFlow } from '../bench/generateFlow';

const haveChromium = requireProgram('chromium');

/** Pairs of drawn blocks that overlap by more than a few pixels. */
async function overlaps(page: Page): Promise<number> {
  const r = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((b) => ({ x: b.x, y: b.y, w: b.width, h: b.height })));
  let n = 0;
  for (let i = 0; i < r.length; i++)
    for (let j = i + 1; j < r.length; j++) {
      const a = r[i], b = r[j];
      if (Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 4 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 4) n++;
    }
  return n;
}

describe.skipIf(!haveChromium)('studio, session 28: a flow with no positions is laid out when it opens', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, browser, page } = h));

  it('an exported (logic-only) flow imported again opens laid out, says so, and Undo puts back the grid', async () => {
    const doc = JSON.parse(readFileSync('flows/customer-support.json', 'utf8'));
    for (const b of doc.blocks) delete b.position;
    const { key } = await studio.api.importFlow(JSON.stringify(doc), 'customer-support.json');
    await page.goto(studio.url);
    await page.goto(studio.flowUrl(key));
    await page.getByText('This flow had no block positions').waitFor({ timeout: 20_000 });
    await page.keyboard.press('Shift+Digit1');
    await page.waitForTimeout(800);
    const laidOut = await overlaps(page);
    expect(laidOut).toBe(0);
    await screenshot(page, 's28-import-unplaced');
    // Saved with positions: the next open does not lay it out again.
    await expect.poll(async () => (await studio.api.openFlow(key)).flow.blocks.every((b) => b.position !== undefined), { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: /^Undo/ }).first().click();
    await page.keyboard.press('Shift+Digit1');
    await page.waitForTimeout(800);
    expect(await overlaps(page)).toBeGreaterThan(laidOut);
  }, 90_000);

  it('a bigger flow (newcomer s29 N2) opens at once in the grid and says how to lay it out, instead of freezing the tab', async () => {
    const doc = generateFlow(400, 480) as unknown as { blocks: Array<{ position?: unknown }> };
    for (const b of doc.blocks) delete b.position;
    const { key } = await studio.api.importFlow(JSON.stringify(doc), 'generated-400.json');
    await page.goto(studio.url);
    await page.goto(studio.flowUrl(key));
    await page.getByText('its 400 blocks are shown in a grid').waitFor({ timeout: 30_000 });
    expect(await page.getByText('Automatic layout (Ctrl+Shift+L) arranges them').count()).toBe(1);
    await screenshot(page, 's29-import-unplaced-big');
    // Not laid out behind the user's back: the saved flow still has no positions.
    await page.waitForTimeout(1500);
    expect((await studio.api.openFlow(key)).flow.blocks.some((b) => b.position !== undefined)).toBe(false);
  }, 90_000);
});
