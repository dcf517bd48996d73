/**
 * Session 42 (studio4), in Chromium, newcomer s42's second pass on session 41's studio changes:
 *  - N2: Automatic layout with the inspector open, and Fit View at 1024 x 700, show the whole Northwind flow (46 blocks).
 * Screenshots: test/e2e/screenshots/s42studio4-*.png (looked at).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

type Box = { x: number; y: number; width: number; height: number };

async function boxes(page: Page): Promise<Record<string, Box>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('.react-flow__node')].map((el) => {
        const r = el.getBoundingClientRect();
        return [(el as HTMLElement).dataset.id!, { x: r.x, y: r.y, width: r.width, height: r.height }];
      }),
    ),
  );
}

async function settle(page: Page): Promise<void> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(200);
    const now = JSON.stringify(await boxes(page)) + (await page.locator('.react-flow__viewport').getAttribute('style'));
    if (now === last) return;
    last = now;
  }
}

const within = (b: Box, c: Box) => b.x >= c.x - 1 && b.y >= c.y - 1 && b.x + b.width <= c.x + c.width + 1 && b.y + b.height <= c.y + c.height + 1;

/** The part of the canvas not under the inspector (the inspector lies beside it or over it). */
async function visibleCanvas(page: Page): Promise<Box> {
  const c = (await page.locator('.react-flow').boundingBox())!;
  const insp = page.getByRole('complementary', { name: 'Inspector' });
  if (await insp.isVisible()) {
    const ib = (await insp.boundingBox())!;
    if (ib.x < c.x + c.width) return { ...c, width: ib.x - c.x };
  }
  return c;
}

async function shownBlocks(page: Page): Promise<{ shown: number; all: number }> {
  const c = await visibleCanvas(page);
  const b = Object.values(await boxes(page));
  return { shown: b.filter((x) => within(x, c)).length, all: b.length };
}

describe.skipIf(!haveChromium)('studio, session 42 (studio4: newcomer s42 N2)', () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));

  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    it(`N2: at ${size.width} x ${size.height} with the inspector open, Automatic layout and Fit View show the whole Northwind flow`, async () => {
      const { key } = await studio.api.createFlow({ template: 'customer-support' });
      await page.setViewportSize(size);
      await page.goto(studio.flowUrl(key));
      await page.locator('.react-flow__node').first().waitFor();
      await settle(page);
      await page.locator('.react-flow__node[data-id="welcome"]').click();
      await page.getByRole('complementary', { name: 'Inspector' }).getByText('Label on the canvas').waitFor();
      await settle(page);
      await page.getByRole('button', { name: 'Automatic layout' }).click();
      await settle(page);
      await screenshot(page, `s42studio4-n2-layout-${size.width}`);
      const afterLayout = await shownBlocks(page);
      console.log('layout', size.width, afterLayout, await page.locator('.react-flow__viewport').getAttribute('style'), await visibleCanvas(page));
      await page.getByRole('button', { name: 'Fit View' }).click();
      await settle(page);
      await screenshot(page, `s42studio4-n2-fit-${size.width}`);
      const afterFit = await shownBlocks(page);
      console.log('fit', size.width, afterFit, await page.locator('.react-flow__viewport').getAttribute('style'));
      expect(afterLayout.shown).toBe(afterLayout.all);
      expect(afterFit.shown).toBe(afterFit.all);
    });
  }
});
