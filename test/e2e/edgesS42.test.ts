/**
 * Session 42 (edges), in Chromium at 1280x800: newcomer s41 N10. In a 402-block flow (400 messages in a 20-wide grid, a
 * Human takeover below it), the takeover's "No agent" exit to the 6th block of the first row was a straight diagonal
 * over ~20 rows of blocks. Now every drawn connection passes through no block (away from where it leaves and enters);
 * the No-agent one runs along below the grid and up the channel between two columns; and a block dragged onto its run
 * below the grid (its own ends unmoved) makes it go around that block once the drag ends.
 * Screenshots: test/e2e/screenshots/s42-big400-*.png (looked at); the same flow before this change is newcomer s41's
 * 100-big-fit.png (a diagonal from the takeover up to the first row).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

type Rect = { id: string; left: number; top: number; right: number; bottom: number };
type Pt = { x: number; y: number };

/** Every block's box and every edge's path sampled every 5 px (a block is 11 px tall at this zoom), in screen pixels. */
async function geometry(page: Page) {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((el) => {
      const r = el.getBoundingClientRect();
      return { id: (el as HTMLElement).dataset.id!, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
    const edges = [...document.querySelectorAll('.react-flow__edge')].map((el) => {
      const path = el.querySelector('path.react-flow__edge-path') as SVGPathElement;
      const m = path.getScreenCTM()!;
      const len = path.getTotalLength();
      const points: { x: number; y: number }[] = [];
      for (let l = 0; l <= len; l += 5) {
        const p = path.getPointAtLength(l);
        points.push({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f });
      }
      const end = path.getPointAtLength(len);
      points.push({ x: m.a * end.x + m.c * end.y + m.e, y: m.b * end.x + m.d * end.y + m.f });
      return { id: (el as HTMLElement).dataset.id!, d: path.getAttribute('d')!, points };
    });
    const zoom = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a;
    return { nodes, edges, zoom };
  });
}

const inside = (p: Pt, r: Rect, margin: number) => p.x > r.left - margin && p.x < r.right + margin && p.y > r.top - margin && p.y < r.bottom + margin;

/** The blocks an edge's drawn line passes through, away from its first and last `near` px (where it leaves and enters). */
function crossedBy(e: { points: Pt[] }, nodes: Rect[], near: number): string[] {
  const first = e.points[0];
  const last = e.points[e.points.length - 1];
  const away = e.points.filter((p) => Math.hypot(p.x - first.x, p.y - first.y) > near && Math.hypot(p.x - last.x, p.y - last.y) > near);
  return nodes.filter((n) => away.some((p) => inside(p, n, -1))).map((n) => n.id);
}

/** Newcomer s41's flow: Start, 400 messages in a 20-wide grid 320 x 200 apart, a Human takeover below. */
function big400(takeoverData: unknown) {
  const blocks: unknown[] = [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }];
  const edges: unknown[] = [{ id: 'e0', from: 'start', exit: 'next', to: 'm0' }];
  for (let i = 0; i < 400; i++) {
    blocks.push({ id: `m${i}`, kind: 'message', position: { x: 320 + (i % 20) * 320, y: Math.floor(i / 20) * 200 }, data: { text: `Step ${i}: some text here.` } });
    if (i > 0) edges.push({ id: `e${i}`, from: `m${i - 1}`, exit: 'next', to: `m${i}` });
  }
  blocks.push({ id: 'human-takeover-1', kind: 'human_takeover', position: { x: 0, y: 4200 }, data: takeoverData });
  edges.push(
    { id: 'eh', from: 'm399', exit: 'next', to: 'human-takeover-1' },
    { id: 'ebresolved', from: 'human-takeover-1', exit: 'resolved', to: 'm0' },
    { id: 'ebno_agent', from: 'human-takeover-1', exit: 'no_agent', to: 'm5' },
    { id: 'ebtimeout', from: 'human-takeover-1', exit: 'timeout', to: 'm200' },
  );
  return { blocks, edges };
}

describe.skipIf(!haveChromium)('studio, session 42 (newcomer s41 N10: connections around blocks)', () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));

  it('the 400-block flow: no connection crosses a block; one dragged across the No-agent route makes it go around', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const template = JSON.parse(readFileSync(new URL('../../flows/customer-support.json', import.meta.url), 'utf8')) as Flow;
    const takeover = template.blocks.find((b) => b.kind === 'human_takeover')!;
    const created = await studio.api.createFlow({ name: 'Big flow 400' });
    await studio.api.saveFlow(created.key, { ...created.flow, ...big400(takeover.data) } as unknown as Flow, 0);
    await page.goto(studio.flowUrl(created.key));
    await page.locator('.react-flow__node[data-id="m0"]').waitFor();
    await page.waitForTimeout(800);
    await screenshot(page, 's42-big400-open');
    await page.locator('.react-flow__controls-fitview').click();
    await page.locator('.react-flow__edge[data-id="ebno_agent"]').waitFor();
    await expect.poll(async () => (await geometry(page)).nodes.length, { timeout: 20_000 }).toBe(402);
    await page.waitForTimeout(800);
    await screenshot(page, 's42-big400-fit');

    const g = await geometry(page);
    expect(g.edges).toHaveLength(404);
    const near = 14 * g.zoom;
    const crossing = g.edges.map((e) => ({ id: e.id, crossed: crossedBy(e, g.nodes, near) })).filter((e) => e.crossed.length);
    expect(crossing, 'connections through blocks').toEqual([]);
    const byId = Object.fromEntries(g.edges.map((e) => [e.id, e]));
    // The No-agent connection is routed (straight runs, rounded corners), up the channel left of m5's column.
    expect(byId.ebno_agent.d).toMatch(/Q/);
    expect(byId.ebno_agent.d).not.toMatch(/C/);
    const box = (id: string) => g.nodes.find((n) => n.id === id)!;
    const channel = byId.ebno_agent.points.filter((p) => p.y < box('m380').top && p.y > box('m0').bottom);
    expect(channel.length).toBeGreaterThan(10);
    for (const p of channel) {
      expect(p.x).toBeGreaterThan(box('m4').right);
      expect(p.x).toBeLessThan(box('m5').left);
    }
    // Connections between neighbours with nothing between them are still React Flow's bezier.
    expect(byId.e1.d).toMatch(/C/);

    // Drag Start below the grid onto the No-agent connection's run along the bottom (its ends do not move).
    const bottom = byId.ebno_agent.points.filter((p) => p.y > box('m380').bottom + 10 && p.x > box('human-takeover-1').right + 20 && p.x < box('m4').left);
    expect(bottom.length).toBeGreaterThan(5);
    const midX = (box('m1').left + box('m2').right) / 2;
    const onRun = bottom.reduce((a, p) => (Math.abs(p.x - midX) < Math.abs(a.x - midX) ? p : a));
    // At this zoom the block lands a few pixels off where it was let go: a second, shorter drag puts it on the run.
    let moved = box('start');
    for (let round = 0; round < 3 && !inside(onRun, moved, -2); round++) {
      const grab = { x: (moved.left + moved.right) / 2, y: (moved.top + moved.bottom) / 2 };
      await page.mouse.move(grab.x, grab.y);
      await page.mouse.down();
      await page.mouse.move(onRun.x, onRun.y, { steps: 8 });
      await page.mouse.up();
      await page.waitForTimeout(1500);
      moved = (await page.locator('.react-flow__node[data-id="start"]').evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { id: 'start', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }))!;
    }
    await screenshot(page, 's42-big400-after-drag');
    const g2 = await geometry(page);
    expect(inside(onRun, moved, 0), 'Start now lies on where the route ran').toBe(true);
    const after = g2.edges.find((e) => e.id === 'ebno_agent')!;
    expect(after.d).not.toBe(byId.ebno_agent.d);
    expect(crossedBy(after, g2.nodes, near), 'the No-agent route after the drag').toEqual([]);
    const crossingAfter = g2.edges.map((e) => ({ id: e.id, crossed: crossedBy(e, g2.nodes, near) })).filter((e) => e.crossed.length);
    expect(crossingAfter, 'connections through blocks after the drag').toEqual([]);
  }, 240_000);
});
