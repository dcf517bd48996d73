/**
 * Session 40 (studioui), in Chromium:
 *  - newcomer s39 N4: a connection to a block above / left of its source goes around the blocks instead of through
 *    them (the newcomer's layout: Start -> Message, a Question up and to the left, Message -> Question), and it ends at
 *    the target's input, never on another dot; a connection to a block on the right is still a bezier;
 *  - N24: the undo history survives a reload of the same flow in the tab;
 *  - the minimap toggle's icon (outlined, not filled) and tooltip.
 * Screenshots: test/e2e/screenshots/s40-*.png (looked at).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

type Rect = { id: string; left: number; top: number; right: number; bottom: number };

/**
 * Points along each edge's drawn path in screen pixels (every 4 px of path), with the boxes of every block and of every
 * handle, read from the page.
 */
async function geometry(page: Page) {
  return page.evaluate(() => {
    const rect = (el: Element, id: string) => {
      const r = el.getBoundingClientRect();
      return { id, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((el) => rect(el, (el as HTMLElement).dataset.id!));
    const handles = [...document.querySelectorAll('.react-flow__handle')].map((el) =>
      rect(el, `${(el as HTMLElement).dataset.nodeid}:${(el as HTMLElement).dataset.handleid}`),
    );
    const edges = [...document.querySelectorAll('.react-flow__edge')].map((el) => {
      const path = el.querySelector('path.react-flow__edge-path') as SVGPathElement;
      const m = path.getScreenCTM()!;
      const len = path.getTotalLength();
      const points: { x: number; y: number }[] = [];
      for (let l = 0; l <= len; l += 4) {
        const p = path.getPointAtLength(l);
        points.push({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f });
      }
      const end = path.getPointAtLength(len);
      return { id: (el as HTMLElement).dataset.id!, d: path.getAttribute('d')!, points, end: { x: m.a * end.x + m.c * end.y + m.e, y: m.b * end.x + m.d * end.y + m.f } };
    });
    return { nodes, handles, edges };
  });
}

const inside = (p: { x: number; y: number }, r: Rect, margin = 0) => p.x > r.left - margin && p.x < r.right + margin && p.y > r.top - margin && p.y < r.bottom + margin;

describe.skipIf(!haveChromium)('studio, session 40 (newcomer s39 N4, minimap toggle)', () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));

  async function flowWith(name: string, blocks: unknown[], edges: unknown[]): Promise<string> {
    const created = await studio.api.createFlow({ name });
    await studio.api.saveFlow(created.key, { ...created.flow, blocks, edges } as unknown as Flow, 0);
    return created.key;
  }

  it('N4: connections to blocks above, left and below-left go around the blocks and end at the input', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const key = await flowWith(
      'Edges that go back',
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 200 }, data: {} },
        { id: 'hello', kind: 'message', position: { x: 320, y: 200 }, data: { text: 'Hello there' } },
        // Up and to the left of Hello (the newcomer's layout).
        { id: 'ask', kind: 'question', position: { x: 120, y: -40 }, data: { text: 'Your email?', inputType: 'email', variable: 'email' } },
        // Below-left of Ask's exits and overlapping it sideways; Ask's Next goes there.
        { id: 'thanks', kind: 'message', position: { x: 40, y: 380 }, data: { text: 'Thanks' } },
        { id: 'bye', kind: 'end', position: { x: 640, y: 380 }, data: {} },
      ],
      [
        { id: 'e-start', from: 'start', exit: 'next', to: 'hello' },
        { id: 'e-back-up', from: 'hello', exit: 'next', to: 'ask' },
        { id: 'e-back-down', from: 'ask', exit: 'next', to: 'thanks' },
        { id: 'e-loop', from: 'ask', exit: 'fallback', to: 'ask' },
        { id: 'e-forward', from: 'thanks', exit: 'next', to: 'bye' },
      ],
    );
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__edge[data-id="e-loop"]').waitFor();
    await page.waitForTimeout(600);
    await screenshot(page, 's40-n4-back-edges');
    const g = await geometry(page);
    expect(g.edges.map((e) => e.id).sort()).toEqual(['e-back-down', 'e-back-up', 'e-forward', 'e-loop', 'e-start']);
    const zoom = await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
    const near = 14 * zoom; // the first and last few pixels leave and enter the handles
    const edgeEnds: Record<string, [string, string]> = {
      'e-start': ['start', 'hello'],
      'e-back-up': ['hello', 'ask'],
      'e-back-down': ['ask', 'thanks'],
      'e-loop': ['ask', 'ask'],
      'e-forward': ['thanks', 'bye'],
    };
    for (const e of g.edges) {
      const [from, to] = edgeEnds[e.id];
      const first = e.points[0];
      const last = e.end;
      // No point of the line is inside a block (its own two blocks included), away from where it leaves and enters.
      const crossed = g.nodes.filter((n) =>
        e.points.some((p) => Math.hypot(p.x - first.x, p.y - first.y) > near && Math.hypot(p.x - last.x, p.y - last.y) > near && inside(p, n, -1)),
      );
      expect(crossed.map((n) => n.id), `${e.id} crosses blocks`).toEqual([]);
      // It ends at the target's input and touches no other handle.
      const input = g.handles.find((h) => h.id === `${to}:in`)!;
      expect(inside(last, input, 2), `${e.id} ends at ${to}'s input`).toBe(true);
      const touched = g.handles.filter(
        (h) => h.id !== `${to}:in` && !h.id.startsWith(`${from}:`) && e.points.some((p) => inside(p, h, 1)),
      );
      expect(touched.map((h) => h.id), `${e.id} touches other handles`).toEqual([]);
    }
    // Forward connections are React Flow's bezier as before; the backward ones are routed (straight runs, rounded corners).
    const d = Object.fromEntries(g.edges.map((e) => [e.id, e.d]));
    expect(d['e-forward']).toMatch(/C/);
    expect(d['e-back-up']).toMatch(/Q/);
    expect(d['e-back-up']).not.toMatch(/C/);

    // The Question dragged to the left of Start, level with Start and Hello: Hello's line goes over Start (another
    // block in its way), and the route follows the move.
    const a = (await page.locator('.react-flow__node[data-id="ask"] .bn-header').boundingBox())!;
    await page.mouse.move(a.x + 30, a.y + 10);
    await page.mouse.down();
    await page.mouse.move(a.x + 30 - 380 * zoom, a.y + 10 + 190 * zoom, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    await screenshot(page, 's40-n4-after-drag');
    const g2 = await geometry(page);
    const askNow = g2.nodes.find((x) => x.id === 'ask')!;
    const startNow = g2.nodes.find((x) => x.id === 'start')!;
    expect(askNow.right, 'the Question now lies left of Start').toBeLessThan(startNow.left);
    expect(askNow.bottom > startNow.top && askNow.top < startNow.bottom, 'and level with it').toBe(true);
    const up = g2.edges.find((e) => e.id === 'e-back-up')!;
    const hits = g2.nodes.filter((n) =>
      up.points.some((p) => Math.hypot(p.x - up.points[0].x, p.y - up.points[0].y) > near && Math.hypot(p.x - up.end.x, p.y - up.end.y) > near && inside(p, n, -1)),
    );
    expect(hits.map((n) => n.id), 'e-back-up crosses blocks after the drag').toEqual([]);
  });

  it('N24: the undo history of the flow survives a reload in the same tab; another flow has none', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const { key } = await studio.api.createFlow({ name: 'Undo after reload' });
    const other = await studio.api.createFlow({ name: 'Another flow' });
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    const redo = page.getByRole('button', { name: 'Redo', exact: true });
    await page.locator('.st-palette-item[data-kind="message"]').click();
    await page.locator('.st-palette-item[data-kind="end"]').click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await undo.click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
    await page.getByText('Saved', { exact: true }).waitFor({ timeout: 15_000 });
    await page.reload();
    await page.locator('.react-flow__node').first().waitFor();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
    await screenshot(page, 's40-n24-after-reload');
    expect(await undo.isEnabled()).toBe(true);
    expect(await redo.isEnabled()).toBe(true);
    await redo.click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await undo.click();
    await undo.click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(1);
    expect(await undo.isEnabled()).toBe(false);
    // The undo is an edit like any other: saved to the file.
    await page.getByText('Saved', { exact: true }).waitFor({ timeout: 15_000 });
    expect((await studio.api.openFlow(key)).flow.blocks).toHaveLength(1);
    // Another flow opened in the tab has no history of its own.
    await page.goto(studio.flowUrl(other.key));
    await page.locator('.react-flow__node').first().waitFor();
    expect(await undo.isEnabled()).toBe(false);
    // Back on the first flow: its history is still there (kept when the editor closed).
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    await expect.poll(() => redo.isEnabled()).toBe(true);
  });

  it('the minimap toggle is an outlined map icon with a tooltip, not a filled blob', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const { key } = await studio.api.createFlow({ template: 'customer-support' });
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    const toggle = page.locator('.bt-minimap-toggle');
    await toggle.waitFor();
    expect(await toggle.getAttribute('title')).toMatch(/^(Hide|Show) the minimap$/);
    const icon = toggle.locator('svg');
    expect(await icon.evaluate((el) => getComputedStyle(el).fill)).toBe('none');
    expect(await page.locator('.react-flow__controls-fitview svg').evaluate((el) => getComputedStyle(el).fill)).toBe('none');
    const controls = (await page.locator('.react-flow__controls').boundingBox())!;
    await page.screenshot({ path: (await screenshot(page, 's40-minimap-toggle')).replace('.png', '-zoom.png'), clip: { x: controls.x - 8, y: controls.y - 8, width: controls.width + 16, height: controls.height + 16 } });
    // Drawn at 14 px (12 px and filled, it read as a dark square).
    const ib = (await icon.boundingBox())!;
    expect(ib.width).toBeGreaterThanOrEqual(13);
  });
});
