/**
 * Session 41 (studio), in Chromium, newcomer s40's studio findings:
 *  - N5: Automatic layout with the inspector open fits the laid-out flow into the visible canvas (not the old positions);
 *  - N6: a block dropped on a connection is inserted clear of its neighbours (the blocks after it move right);
 *  - N14: at 1024 x 700 with the simulator open, selecting a block keeps a usable canvas (the inspector covers the
 *    simulator instead of taking a third column);
 *  - N17: a paste goes where the designer last clicked on the canvas;
 *  - N8: a refused Flow settings value's problem says where it is and opens it; N11: an import refusal, why first.
 * Screenshots: test/e2e/screenshots/s41-*.png (looked at).
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
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

/** Waits until no block moves on screen for 400 ms (the layout loads elk on first use, then the view is animated). */
async function settle(page: Page): Promise<void> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(200);
    const now = JSON.stringify(await boxes(page)) + (await page.locator('.react-flow__viewport').getAttribute('style'));
    if (now === last) return;
    last = now;
  }
}

async function canvasBox(page: Page): Promise<Box> {
  return (await page.locator('.react-flow').boundingBox())!;
}

const within = (b: Box, c: Box) => b.x >= c.x - 1 && b.y >= c.y - 1 && b.x + b.width <= c.x + c.width + 1 && b.y + b.height <= c.y + c.height + 1;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(!haveChromium)('studio, session 41 (newcomer s40 N5, N6, N14, N17)', () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));

  async function flowWith(name: string, blocks: unknown[], edges: unknown[]): Promise<string> {
    const created = await studio.api.createFlow({ name });
    await studio.api.saveFlow(created.key, { ...created.flow, blocks, edges } as unknown as Flow, 0);
    return created.key;
  }

  it('N5: Automatic layout with the inspector open shows the whole laid-out flow in the visible canvas', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // Six blocks piled up near each other (as clicked in from the palette): their old bounds are small, the layout's wide.
    const key = await flowWith(
      'Layout with the inspector open',
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'notify', kind: 'notify', position: { x: 40, y: 160 }, data: {} },
        { id: 'hello', kind: 'message', position: { x: 80, y: 320 }, data: { text: 'Hello' } },
        { id: 'pick', kind: 'buttons', position: { x: 120, y: 480 }, data: { text: 'Pick', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] } },
        { id: 'agent', kind: 'human_takeover', position: { x: 160, y: 640 }, data: {} },
        { id: 'bye', kind: 'end', position: { x: 200, y: 800 }, data: {} },
      ],
      [
        { id: 'e1', from: 'start', exit: 'next', to: 'notify' },
        { id: 'e2', from: 'notify', exit: 'next', to: 'hello' },
        { id: 'e3', from: 'hello', exit: 'next', to: 'pick' },
        { id: 'e4', from: 'pick', exit: 'a', to: 'agent' },
        { id: 'e5', from: 'pick', exit: 'b', to: 'bye' },
      ],
    );
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node[data-id="notify"]').click();
    await page.getByRole('complementary', { name: 'Inspector' }).getByText('Label on the canvas').waitFor();
    await page.waitForTimeout(400);
    await page.getByRole('button', { name: 'Automatic layout' }).click();
    // Laid out left to right (elk is loaded on first use: slow on a loaded machine), then the view settles.
    await expect.poll(async () => { const x = await boxes(page); return x.start.x + x.start.width < x.notify.x; }, { timeout: 20_000 }).toBe(true);
    await settle(page);
    await screenshot(page, 's41-n5-layout-inspector-1280');
    const canvas = await canvasBox(page);
    const b = await boxes(page);
    const outside = Object.entries(b).filter(([, x]) => !within(x, canvas)).map(([id]) => id);
    expect(outside, 'blocks outside the visible canvas after the layout').toEqual([]);
    // Laid out left to right: Start is left of Notify (the layout happened).
    expect(b.start.x + b.start.width).toBeLessThan(b.notify.x);

    await page.setViewportSize({ width: 1024, height: 700 });
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => { const x = await boxes(page); return x.start.x + x.start.width < x.notify.x; }).toBe(false);
    await page.getByRole('button', { name: 'Automatic layout' }).click();
    await expect.poll(async () => { const x = await boxes(page); return x.start.x + x.start.width < x.notify.x; }, { timeout: 20_000 }).toBe(true);
    await settle(page);
    await screenshot(page, 's41-n5-layout-inspector-1024');
    const canvas2 = await canvasBox(page);
    const b2 = await boxes(page);
    expect(Object.entries(b2).filter(([, x]) => !within(x, canvas2)).map(([id]) => id)).toEqual([]);
  });

  it('N6: a block dropped on a connection is inserted clear of its neighbours, the blocks after it moved right', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const key = await flowWith(
      'Drop on a connection',
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'hello', kind: 'message', position: { x: 320, y: 0 }, data: { text: 'Hello! Welcome to the test shop.' } },
        { id: 'bye', kind: 'end', position: { x: 640, y: 0 }, data: {} },
      ],
      [
        { id: 'e1', from: 'start', exit: 'next', to: 'hello' },
        { id: 'e2', from: 'hello', exit: 'next', to: 'bye' },
      ],
    );
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__edge[data-id="e1"]').waitFor();
    await page.waitForTimeout(500);
    const mid = await page.locator('.react-flow__edge[data-id="e1"] path.react-flow__edge-path').evaluate((el) => {
      const path = el as SVGPathElement;
      const m = path.getScreenCTM()!;
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
    });
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const before = await boxes(page);
    await page.locator('.st-palette-item[data-kind="notify"]').dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: mid.x - pane.x, y: mid.y - pane.y } });
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    await page.waitForTimeout(600);
    await screenshot(page, 's41-n6-drop-on-edge');
    const b = await boxes(page);
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.waitForTimeout(300);
    await screenshot(page, 's41-n6-drop-on-edge-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(300);
    const notify = Object.keys(b).find((id) => id.startsWith('notify'))!;
    expect(notify).toBeTruthy();
    for (const other of ['start', 'hello', 'bye']) expect(overlap(b[notify], b[other]), `${notify} covers ${other}`).toBe(false);
    expect(b.start.x + b.start.width).toBeLessThan(b[notify].x);
    expect(b[notify].x + b[notify].width).toBeLessThan(b.hello.x);
    expect(b.hello.x + b.hello.width).toBeLessThan(b.bye.x);
    // Connected Start -> Notify -> Hello (saved), and one undo takes the insert and the move back.
    await expect
      .poll(async () => {
        const f = (await studio.api.openFlow(key)).flow;
        return f.edges.map((e) => `${e.from}>${e.to}`).sort();
      })
      .toEqual(['hello>bye', `${notify}>hello`, `start>${notify}`].sort());
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await page.waitForTimeout(300);
    const back = await boxes(page);
    expect(Math.abs(back.hello.x - back.start.x - (before.hello.x - before.start.x))).toBeLessThan(2);
  });

  it('N14: at 1024 x 700 with the simulator open, a selected block keeps a usable canvas (the inspector covers the simulator)', async () => {
    const { key } = await studio.api.createFlow({ template: 'customer-support' });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    const sim = page.getByRole('complementary', { name: 'Simulator' });
    await sim.waitFor();
    await page.waitForTimeout(300);
    const alone = (await page.locator('main.st-canvas').boundingBox())!;
    await page.locator('.react-flow__node[data-id="welcome"]').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByText('Label on the canvas').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 's41-n14-1024-simulator-inspector');
    const canvas = (await page.locator('main.st-canvas').boundingBox())!;
    // The canvas keeps its width (it was 265 px with the inspector as a third column).
    expect(canvas.width).toBeGreaterThan(480);
    expect(Math.abs(canvas.width - alone.width)).toBeLessThan(2);
    // The inspector lies over the simulator, in its column; the simulator's panel is kept underneath.
    const ib = (await inspector.boundingBox())!;
    const sb = (await sim.boundingBox())!;
    expect(Math.abs(ib.x - sb.x)).toBeLessThan(2);
    expect(ib.x).toBeGreaterThanOrEqual(canvas.x + canvas.width - 1);
    const top = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('aside')?.getAttribute('aria-label'), { x: sb.x + sb.width / 2, y: sb.y + sb.height / 2 });
    expect(top).toBe('Inspector');
    // Its bar goes back to the simulator.
    await page.getByRole('button', { name: 'Back to the simulator' }).click();
    await expect.poll(() => inspector.isVisible()).toBe(false);
    expect(await sim.isVisible()).toBe(true);
    await screenshot(page, 's41-n14-1024-back-to-simulator');

    // Wide enough, the three columns stay side by side, with no bar (session 46, studio13, newcomer s46 N10: from 1,600 px,
    // was 1,280: at 1,440 px the canvas kept ~600 px between the inspector and the simulator).
    await page.setViewportSize({ width: 1680, height: 900 });
    await page.locator('.react-flow__node[data-id="welcome"]').click();
    await inspector.getByText('Label on the canvas').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 's41-n14-1280-simulator-inspector');
    expect(await page.getByRole('button', { name: 'Back to the simulator' }).isVisible()).toBe(false);
    const ib2 = (await inspector.boundingBox())!;
    const sb2 = (await sim.boundingBox())!;
    expect(ib2.x + ib2.width).toBeLessThanOrEqual(sb2.x + 1);
  });

  it('N17: a paste into another flow goes where the designer last clicked on the canvas', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const from = await flowWith(
      'Copy from here',
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'thanks', kind: 'message', position: { x: 320, y: 0 }, data: { text: 'Thanks for contacting us.' } },
      ],
      [{ id: 'e1', from: 'start', exit: 'next', to: 'thanks' }],
    );
    const to = await flowWith(
      'Paste here',
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'hello', kind: 'message', position: { x: 320, y: 0 }, data: { text: 'Hello! Welcome to the test shop.' } },
      ],
      [{ id: 'e1', from: 'start', exit: 'next', to: 'hello' }],
    );
    await page.goto(studio.flowUrl(from));
    await page.locator('.react-flow__node[data-id="thanks"]').click();
    await page.waitForTimeout(200);
    await page.keyboard.press('Control+c');
    // The other flow in the same page (its address), as from the home screen.
    await page.evaluate((hash) => (location.hash = hash), new URL(studio.flowUrl(to)).hash);
    await page.locator('.react-flow__node[data-id="hello"]').waitFor();
    await page.waitForTimeout(500);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const click = { x: pane.x + 120, y: pane.y + pane.height - 320 };
    await page.mouse.click(click.x, click.y);
    await page.keyboard.press('Control+v');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await page.waitForTimeout(400);
    await screenshot(page, 's41-n17-paste-where-clicked');
    const b = await boxes(page);
    const pasted = Object.keys(b).find((id) => id !== 'start' && id !== 'hello')!;
    // Its top-left corner is where the click was (snapped to the 8 px grid), not at the copied block's old spot.
    expect(Math.abs(b[pasted].x - click.x)).toBeLessThan(12);
    expect(Math.abs(b[pasted].y - click.y)).toBeLessThan(12);
    expect(overlap(b[pasted], b.hello) || overlap(b[pasted], b.start)).toBe(false);

    // Panned so the click is out of view: the next paste goes to the view's centre instead.
    await page.mouse.move(pane.x + pane.width / 2, pane.y + 40);
    await page.mouse.down();
    await page.mouse.move(pane.x + pane.width / 2, pane.y - pane.height + 200, { steps: 6 });
    await page.mouse.up();
    await page.waitForTimeout(200);
    await page.keyboard.press('Control+v');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    await page.waitForTimeout(400);
    const c = await canvasBox(page);
    const b2 = await boxes(page);
    const second = Object.keys(b2).find((id) => !(id in b))!;
    expect(within(b2[second], c)).toBe(true);
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.waitForTimeout(300);
    await screenshot(page, 's41-n17-second-paste-1024');
  });

  it('N8: a refused Flow settings value says where it is in the problems and its row opens the field', async () => {
    for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      const { key } = await studio.api.createFlow({ name: `Threshold ${size.width}` });
      await page.goto(studio.flowUrl(key));
      await page.locator('.react-flow__node[data-id="start"]').waitFor();
      await page.getByRole('button', { name: 'Flow settings', exact: true }).click();
      await page.getByRole('tab', { name: 'Escalation' }).click();
      const box = page.locator('[data-signal="negativeSentiment"]').getByLabel('Single-message threshold');
      await box.fill('5');
      await box.press('Tab');
      await page.getByRole('button', { name: 'Close Flow settings' }).click();
      await page.locator('.st-problems-toggle').click();
      const row = page.getByRole('region', { name: 'Problems' }).locator('li', { hasText: '“Single-message threshold” is not saved' }).getByRole('button');
      await row.waitFor();
      await screenshot(page, `s41-n8-problems-${size.width}`);
      expect(await row.isEnabled()).toBe(true);
      expect(await row.innerText()).toContain('Flow settings › Escalation › Negative sentiment');
      await row.click();
      await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await box.isVisible()).toBe(true);
      await screenshot(page, `s41-n8-opened-${size.width}`);
      await box.fill('-0.5');
      await box.press('Tab');
    }
  });

  it('N11: an import refusal shows why first, the rest apart (screenshots)', async () => {
    const doc = JSON.parse(await readFile('flows/customer-support.json', 'utf8'));
    const message = doc.blocks.find((b: { kind: string }) => b.kind === 'message');
    const wired = doc.edges.find((e: { from: string }) => e.from === message.id);
    doc.edges.push({ id: 'e-bad', from: message.id, exit: wired.exit, to: doc.blocks.find((b: { kind: string; id: string }) => b.kind === 'message' && b.id !== message.id).id });
    doc.blocks.push({ id: 'notify-x', kind: 'notify', data: { channel: 'email', to: [] }, position: { x: 0, y: 900 } });
    doc.blocks.find((b: { kind: string }) => b.kind === 'set_variable' || b.kind === 'condition').kind = 'teleport';
    for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      await page.goto(studio.url);
      await page.getByTestId('import-input').setInputFiles({ name: 'sem.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
      const alert = page.getByRole('alert', { name: 'Import failed' });
      await alert.getByRole('heading', { name: 'Why it cannot be imported' }).waitFor();
      await screenshot(page, `s41-n11-import-refused-${size.width}`);
      const lists = alert.locator('ul.bt-problems');
      expect(await lists.count()).toBe(2);
      expect(await lists.nth(0).locator('li').count()).toBe(1);
      expect(await lists.nth(0).innerText()).toContain("unknown block kind 'teleport'");
    }
  });
});
