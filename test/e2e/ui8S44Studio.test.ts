/**
 * Session 44 (ui8), in Chromium: newcomer s44 N7, N5, N9 in the studio.
 *  - N7: an End dragged from the palette over the Start -> Message connection highlights it; dropped, the End is
 *    inserted (Start -> End), the notice says the Message is no longer connected from there, and its Undo puts it back.
 *  - N5 / N9: a button label with a hidden direction character: the block's summary says "error"/"warning" as the
 *    canvas badge does, and the warning names "Option 1's label" and the character in words.
 * Screenshots: test/e2e/screenshots/ui8-s44-studio-*.png (looked at).
 */
import type { Flow } from '../../shared/flow/schema';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type StudioHandle } from './support/studio';
import type { Page } from 'playwright-core';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('session 44 ui8 studio', () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));

  it('N7: End dropped on a connection: highlighted while dragging, inserted, notice with Undo', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const created = await studio.api.createFlow({ name: 'End on a line' });
    await studio.api.saveFlow(
      created.key,
      {
        ...created.flow,
        blocks: [
          { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
          { id: 'msg', kind: 'message', position: { x: 420, y: 0 }, data: { text: 'Hello' } },
        ],
        edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'msg' }],
      } as unknown as Flow,
      0,
    );
    await page.goto(studio.flowUrl(created.key));
    await page.locator('.react-flow__edge[data-id="e1"]').waitFor();
    await page.waitForTimeout(800);
    const mid = await page.locator('.react-flow__edge[data-id="e1"] path.react-flow__edge-path').first().evaluate((el) => {
      const path = el as SVGPathElement;
      const m = path.getScreenCTM()!;
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
    });
    // The drag by hand (HTML5 drag events with one DataTransfer), so the view can be taken mid-drag.
    const dt = await page.evaluateHandle(() => new DataTransfer());
    await page.locator('.st-palette-item[data-kind="end"]').dispatchEvent('dragstart', { dataTransfer: dt });
    const pane = page.locator('.react-flow__pane');
    await pane.dispatchEvent('dragover', { dataTransfer: dt, clientX: mid.x, clientY: mid.y });
    await expect.poll(() => page.locator('.react-flow__edge[data-id="e1"]').getAttribute('class')).toContain('st-edge-drop-target');
    await screenshot(page, 'ui8-s44-studio-end-over-edge');
    await pane.dispatchEvent('drop', { dataTransfer: dt, clientX: mid.x, clientY: mid.y });
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    const toast = page.locator('.st-toast');
    await toast.getByText(/End inserted: it ends the chain/).waitFor();
    expect(await page.locator('.st-edge-drop-target').count()).toBe(0);
    await page.waitForTimeout(500);
    await screenshot(page, 'ui8-s44-studio-end-inserted');
    await expect.poll(async () => (await studio.api.openFlow(created.key)).flow.edges.map((e) => `${e.from}>${e.to}`).sort(), { timeout: 10_000 }).toEqual(['start>end-1']);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
    await expect.poll(async () => (await studio.api.openFlow(created.key)).flow.edges.map((e) => `${e.from}>${e.to}`).sort(), { timeout: 10_000 }).toEqual(['start>msg']);
  }, 120_000);

  it('N5 / N9: the warning in plain words; one word for errors in the block and on the badge', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const created = await studio.api.createFlow({ name: 'Hidden character' });
    await studio.api.saveFlow(
      created.key,
      {
        ...created.flow,
        blocks: [
          { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
          { id: 'menu', kind: 'buttons', position: { x: 420, y: 0 }, data: { text: 'Pick one', options: [{ id: 'a', label: 'Yes \u202Eplease' }] } },
        ],
        edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'menu' }],
      } as unknown as Flow,
      0,
    );
    await page.goto(studio.flowUrl(created.key));
    await page.locator('.react-flow__node[data-id="menu"]').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const summary = inspector.locator('summary', { hasText: 'in this block' }).first();
    await summary.waitFor();
    const text = (await summary.textContent()) ?? '';
    expect(text).toMatch(/^\d+ errors?, \d+ warnings? in this block$/);
    if ((await page.getByText(/hidden direction character/).count()) === 0) await summary.click();
    await page.waitForTimeout(800);
    await screenshot(page, 'ui8-s44-studio-warning-words');
    const shown = (await inspector.textContent()) ?? '';
    expect(shown).toMatch(/Option 1's label of “Buttons”/);
    expect(shown).toMatch(/hidden direction character \(right-to-left override, U\+202E\)/);
    expect(await page.locator('.st-problems-toggle').textContent()).toMatch(/\d+ errors?, \d+ warnings? in this flow/);
  }, 120_000);
});
