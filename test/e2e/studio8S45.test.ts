/**
 * Session 45 (studio8), in Chromium: the session-44 blind re-test of the studio (#7, #8) and newcomer s44 N8.
 *  - #7: a Question added from the palette with nothing selected, beside a Start -> Message -> Buttons row, is drawn at
 *    least the layout gap (40 px at zoom 1) from every block (it touched the Buttons).
 *  - #8: "End inserted... Undo" and the problem badge do not overlap, at 1,280 x 800 and 1,024 x 700 with the inspector open.
 *  - N8: at 1,024 x 700 and 1,280 x 800 the flow name "Northwind Goods customer support" is shown whole (no "…"), the
 *    Simulator and Settings buttons show their word, and the whole bar fits the window.
 * Screenshots: test/e2e/screenshots/studio8-s45-*.png (looked at).
 */
import type { Flow } from '../../shared/flow/schema';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type StudioHandle } from './support/studio';
import type { Page } from 'playwright-core';

const haveChromium = requireProgram('chromium');

type Box = { x: number; y: number; width: number; height: number };
const clearance = (a: Box, b: Box) => Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width), b.y - (a.y + a.height), a.y - (b.y + b.height));

describe.skipIf(!haveChromium)('session 45 studio8', () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));

  async function openRow(name: string): Promise<string> {
    const created = await studio.api.createFlow({ name });
    await studio.api.saveFlow(
      created.key,
      {
        ...created.flow,
        blocks: [
          { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
          { id: 'msg', kind: 'message', position: { x: 320, y: 0 }, data: { text: 'Your invoice is attached.' } },
          { id: 'menu', kind: 'buttons', position: { x: 640, y: 0 }, data: { text: 'Pay how?', options: [{ id: 'a', label: 'Card' }, { id: 'b', label: 'Cash' }] } },
        ],
        edges: [
          { id: 'e1', from: 'start', exit: 'next', to: 'msg' },
          { id: 'e2', from: 'msg', exit: 'next', to: 'menu' },
        ],
      } as unknown as Flow,
      0,
    );
    await page.goto(studio.flowUrl(created.key));
    await page.locator('.react-flow__edge[data-id="e2"]').waitFor();
    await page.waitForTimeout(800);
    return created.key;
  }

  it('#7: a Question added from the palette with nothing selected is drawn clear of every block', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openRow('Gap after palette add');
    await page.keyboard.press('Escape');
    await page.locator('.st-palette-item[data-kind="question"]').click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    await page.waitForTimeout(600);
    const zoom = await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
    const rects = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => ({ id: (e as HTMLElement).dataset.id!, ...JSON.parse(JSON.stringify(e.getBoundingClientRect())) })));
    const added = rects.find((r) => r.id.startsWith('question'))!;
    await screenshot(page, 'studio8-s45-palette-add');
    for (const r of rects.filter((x) => x !== added)) expect(clearance(added, r) / zoom).toBeGreaterThanOrEqual(39);
  }, 120_000);

  for (const [width, height] of [
    [1280, 800],
    [1024, 700],
  ] as const) {
    it(`#8: at ${width} x ${height} the End-inserted notice and the problem badge do not overlap`, async () => {
      await page.setViewportSize({ width, height });
      await openRow(`Notice ${width}`);
      const mid = await page.locator('.react-flow__edge[data-id="e2"] path.react-flow__edge-path').first().evaluate((el) => {
        const path = el as SVGPathElement;
        const m = path.getScreenCTM()!;
        const p = path.getPointAtLength(path.getTotalLength() / 2);
        return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
      });
      const dt = await page.evaluateHandle(() => new DataTransfer());
      await page.locator('.st-palette-item[data-kind="end"]').dispatchEvent('dragstart', { dataTransfer: dt });
      const pane = page.locator('.react-flow__pane');
      await pane.dispatchEvent('dragover', { dataTransfer: dt, clientX: mid.x, clientY: mid.y });
      await pane.dispatchEvent('drop', { dataTransfer: dt, clientX: mid.x, clientY: mid.y });
      const toast = page.locator('.st-toast');
      await toast.getByText(/End inserted: it ends the chain/).waitFor();
      await page.waitForTimeout(300);
      const t = (await toast.boundingBox())!;
      const badge = (await page.locator('.st-problems-toggle').boundingBox())!;
      const canvas = (await page.locator('.st-canvas').boundingBox())!;
      await screenshot(page, `studio8-s45-notice-${width}`);
      expect(clearance(t, badge)).toBeGreaterThan(0);
      // Both inside the canvas, the notice readable (not squeezed to a sliver).
      expect(t.x).toBeGreaterThanOrEqual(canvas.x);
      expect(t.x + t.width).toBeLessThanOrEqual(canvas.x + canvas.width);
      expect(t.width).toBeGreaterThanOrEqual(260);
      await toast.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    }, 120_000);

    it(`N8: at ${width} x ${height} the flow name is whole, Simulator and Settings are labelled, the bar fits`, async () => {
      await page.setViewportSize({ width, height });
      await openRow('Northwind Goods customer support');
      const name = page.locator('.st-flow-name-button');
      const fit = await name.evaluate((el) => ({ sh: el.scrollHeight, ch: el.clientHeight, sw: el.scrollWidth, cw: el.clientWidth, text: el.textContent }));
      expect(fit.text).toMatch(/^Northwind Goods customer support/); // "(2)" after it the second time (one studio for the file)
      expect(fit.sh).toBeLessThanOrEqual(fit.ch + 1);
      expect(fit.sw).toBeLessThanOrEqual(fit.cw + 1);
      const bar = page.getByRole('toolbar', { name: 'Editor' });
      await expect.poll(() => bar.getByRole('button', { name: 'Open the simulator' }).innerText()).toBe('Simulator');
      expect(await bar.getByRole('button', { name: 'Flow settings' }).innerText()).toBe('Settings');
      const last = (await bar.getByRole('button', { name: 'Keyboard shortcuts' }).boundingBox())!;
      expect(last.x + last.width).toBeLessThanOrEqual(width);
      // Nothing in the bar overlaps: each item starts after the one before it ends.
      const boxes = await page.locator('.st-topbar > *:not(.st-topbar-spacer):not(.st-banner-slot), .st-tool-group > *').evaluateAll((els) =>
        els.filter((e) => getComputedStyle(e).display !== 'none' && !e.classList.contains('st-toolbar') && !e.classList.contains('st-tool-group')).map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.right]),
      );
      const sorted = boxes.filter(([l, r]) => r > l).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i][0]).toBeGreaterThanOrEqual(sorted[i - 1][1] - 0.5);
      await page.screenshot({ path: `${process.cwd()}/test/e2e/screenshots/studio8-s45-header-${width}.png`, clip: { x: 0, y: 0, width, height: 60 } });
    }, 120_000);
  }
});
