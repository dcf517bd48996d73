/**
 * Session 6 studio fixes that only a browser shows (helper uxfix), on the production pages:
 *  - a Buttons block given new options in the inspector: a connection dragged from the NEW option's handle is made
 *    (session 5 found, at the very end, handles measured before they moved), and the grown block pushes the block
 *    under it down instead of covering it;
 *  - Fit View: a 3-block flow on the narrow canvas beside the inspector and simulator is readable; a big template
 *    is shown at 50 % from its left edge, and all of it on a second press;
 *  - the flow id is changed in Flow settings (a bad id explained, nothing lost) and saved.
 * Screenshots: test/e2e/screenshots/uxfix6-*.png (looked at).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');
type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!haveChromium)('session 6 studio fixes', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, browser, page } = h));

  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  const handle = (id: string, handleId: string) => page.locator(`.react-flow__node[data-id="${id}"] .react-flow__handle[data-handleid="${handleId}"]`);
  const zoom = () => page.evaluate(() => Number(/scale\(([\d.]+)\)/.exec(document.querySelector('.react-flow__viewport')!.getAttribute('style') ?? '')?.[1]));
  /** Block ids whose box is not wholly inside the canvas. */
  const outOfView = () =>
    page.evaluate(() => {
      const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
        .filter((n) => {
          const r = n.getBoundingClientRect();
          return r.left < pane.left - 1 || r.top < pane.top - 1 || r.right > pane.right + 1 || r.bottom > pane.bottom + 1;
        })
        .map((n) => n.dataset.id);
    });

  async function flowWith(name: string, blocks: unknown[], edges: unknown[] = []): Promise<string> {
    const created = await studio.api.createFlow({ name });
    const flow = { ...created.flow, blocks, edges } as unknown as Flow;
    await studio.api.saveFlow(created.key, flow, 0);
    return created.key;
  }

  it('options added to a Buttons block: the new option connects by drag, and the block pushes the one below it down', async () => {
    const key = await flowWith(
      'Grow',
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'menu', kind: 'buttons', position: { x: 320, y: 0 }, data: { text: 'Pick one', options: [{ id: 'a', label: 'Alpha' }] } },
        { id: 'below', kind: 'message', position: { x: 320, y: 176 }, data: { text: 'Right under the menu' } },
        { id: 'done', kind: 'end', position: { x: 720, y: 40 }, data: {} },
      ],
      [{ id: 'e1', from: 'start', exit: 'next', to: 'menu' }],
    );
    await page.goto(studio.flowUrl(key));
    await node('menu').waitFor();
    await sleep(400);
    const gapBefore = (await node('below').boundingBox())!.y - ((await node('menu').boundingBox())!.y + (await node('menu').boundingBox())!.height);
    expect(gapBefore, 'the test starts with the message just under the menu').toBeGreaterThan(0);
    await node('menu').click();
    const add = page.getByRole('button', { name: 'Add option' });
    for (let i = 0; i < 3; i++) await add.click();
    await expect.poll(() => node('menu').locator('.bn-exit[data-option]').count()).toBe(4);
    const newest = (await node('menu').locator('.bn-exit[data-option]').last().getAttribute('data-exit'))!;
    await sleep(300);
    const menu = (await node('menu').boundingBox())!;
    const below = (await node('below').boundingBox())!;
    expect(overlap(menu, below), 'the grown menu covers the message').toBe(false);
    expect(below.y).toBeGreaterThan(menu.y + menu.height);
    await screenshot(page, 'uxfix6-grown-buttons');

    // Drag from the NEW option's handle (it moved down as the block grew) to the End block.
    // Session 38: the End block sat at the canvas's right edge, under the inspector opened by the click on the menu
    // (CI under load: the drag ended on the inspector, no edge). The inspector is closed first, as a designer would to
    // see the target, so the whole canvas is free.
    await page.getByRole('button', { name: 'Close the inspector' }).click();
    const edgesBefore = await page.locator('.react-flow__edge').count();
    // Session 38: the handles are measured once the grown block has settled (two equal readings 100 ms apart): on a
    // loaded CI machine (load ~6) the first reading came before the last re-render and the drag started beside the handle.
    const settled = async (l: ReturnType<typeof handle>) => {
      let last = await l.boundingBox();
      for (let i = 0; i < 30; i++) {
        await sleep(100);
        const now = await l.boundingBox();
        if (now && last && now.x === last.x && now.y === last.y && now.width === last.width && now.height === last.height) return now;
        last = now;
      }
      return last!;
    };
    const a = await settled(handle('menu', newest));
    const b = await settled(handle('done', 'in'));
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
    // React Flow finds the handle under the pointer on its next frame: on a loaded machine the release came before that
    // frame and the drag ended on nothing. Rest on the target (one more small move) before releasing, as a hand does.
    await sleep(200);
    await page.mouse.move(b.x + b.width / 2 + 1, b.y + b.height / 2);
    await sleep(200);
    await page.mouse.up();
    await expect.poll(() => page.locator('.react-flow__edge').count(), { timeout: 10_000 }).toBe(edgesBefore + 1);
    await screenshot(page, 'uxfix6-new-option-connected');
    await expect
      .poll(async () => (await studio.api.openFlow(key)).flow.edges.map((e) => `${e.from}.${e.exit}->${e.to}`), { timeout: 10_000 })
      .toContain(`menu.${newest}->done`);
    // The push is saved with the options, and one undo takes both back.
    const saved = (await studio.api.openFlow(key)).flow.blocks.find((x) => x.id === 'below')!.position!.y;
    expect(saved).toBeGreaterThan(176);
  });

  it('Fit View: a small flow beside the inspector and simulator is all in view; a big one at 50 %, then all of it', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    try {
      const key = await flowWith('Three', [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'hello', kind: 'message', position: { x: 288, y: 0 }, data: { text: 'Hello' } },
        { id: 'bye', kind: 'end', position: { x: 576, y: 0 }, data: {} },
      ]);
      await page.goto(studio.flowUrl(key));
      await node('hello').click();
      await page.getByRole('button', { name: 'Open the simulator' }).click();
      await sleep(500);
      await page.locator('.react-flow__controls-fitview').click();
      await sleep(500);
      const small = await zoom();
      console.log(`[uxfix6] 3-block flow, canvas ${await page.evaluate(() => Math.round(document.querySelector('.react-flow')!.getBoundingClientRect().width))} px wide: Fit View zoom ${small.toFixed(2)}`);
      // Session 42 (studio4, newcomer s42 N2): Fit View shows the whole flow first, however small the canvas (a 3-block
      // flow in a 464 px canvas: 0.46); pressed again, the readable view. Changed on purpose (it was 0.5 or more).
      expect(small).toBeGreaterThan(0.3);
      expect(await outOfView()).toEqual([]);
      await screenshot(page, 'uxfix6-fit-small-narrow');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }

    const key = (await studio.api.createFlow({ template: 'customer-support' })).key;
    await page.goto(studio.flowUrl(key));
    await node('start').waitFor();
    // Session 39 (newcomer s39 N11): the template opens showing all of it (it fits at 15 % or more); Fit View then
    // toggles to the readable 50 % view (session 27's toggle), with Start in view.
    await sleep(600);
    const opened = await zoom();
    expect(opened).toBeLessThan(0.5);
    expect(await outOfView()).toEqual([]);
    await screenshot(page, 'uxfix6-fit-big-all');
    await page.locator('.react-flow__pane').click({ position: { x: 400, y: 300 } });
    await page.keyboard.press('Shift+Digit1');
    await sleep(600);
    console.log(`[uxfix6] customer-support template: opens at ${opened.toFixed(2)}, Fit View ${(await zoom()).toFixed(2)}`);
    expect(await zoom()).toBeCloseTo(0.5, 2);
    expect(await outOfView()).not.toContain('start');
    await screenshot(page, 'uxfix6-fit-big-readable');
  });

  it('Automatic layout keeps a straight flow left to right with the options\' targets in order (no fold)', async () => {
    const key = await flowWith(
      'Pets',
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'hello', kind: 'message', position: { x: 600, y: 300 }, data: { text: 'Welcome to the pet shop' } },
        { id: 'ask', kind: 'question', position: { x: 300, y: 300 }, data: { text: 'Your name?', variable: 'name' } },
        { id: 'pick', kind: 'buttons', position: { x: 900, y: 0 }, data: { text: 'Pick a pet', options: [{ id: 'dog', label: 'Dog food' }, { id: 'cat', label: 'Option 2' }] } },
        { id: 'agent', kind: 'human_takeover', position: { x: 1200, y: 400 }, data: {} },
        { id: 'bye', kind: 'end', position: { x: 1200, y: 200 }, data: {} },
        { id: 'ticket', kind: 'ticket', position: { x: 1200, y: 0 }, data: {} },
      ],
      [
        { id: 'e1', from: 'start', exit: 'next', to: 'hello' },
        { id: 'e2', from: 'hello', exit: 'next', to: 'ask' },
        { id: 'e3', from: 'ask', exit: 'next', to: 'pick' },
        { id: 'e6', from: 'pick', exit: 'fallback', to: 'ticket' },
        { id: 'e5', from: 'pick', exit: 'cat', to: 'bye' },
        { id: 'e4', from: 'pick', exit: 'dog', to: 'agent' },
      ],
    );
    const box = async (id: string) => (await node(id).boundingBox())!;
    /** What is out of place: an edge running right to left, option targets out of order. */
    const wrong = async () => {
      const out: string[] = [];
      for (const [from, to] of [['start', 'hello'], ['hello', 'ask'], ['ask', 'pick'], ['pick', 'agent'], ['pick', 'bye'], ['pick', 'ticket']]) {
        if ((await box(to)).x <= (await box(from)).x + (await box(from)).width) out.push(`${from} -> ${to} runs backwards`);
      }
      if (!((await box('agent')).y < (await box('bye')).y && (await box('bye')).y < (await box('ticket')).y)) out.push('option targets out of order');
      return out;
    };
    await page.goto(studio.flowUrl(key));
    await node('pick').waitFor();
    await sleep(300);
    expect((await wrong()).length, 'the flow starts out of order').toBeGreaterThan(0);
    await page.locator('.react-flow__pane').click({ position: { x: 400, y: 300 } });
    await page.keyboard.press('Control+Shift+L');
    await expect.poll(wrong, { timeout: 5_000 }).toEqual([]);
    await sleep(400);
    await screenshot(page, 'uxfix6-auto-layout');
  });

  it('the flow id is changed in Flow settings: a bad id is explained and kept in the field, a good one is saved', async () => {
    const other = await studio.api.createFlow({ name: 'Alpha shop' });
    const key = (await studio.api.createFlow({ name: 'Bike shop' })).key;
    await page.goto(studio.flowUrl(key));
    await node('start').waitFor();
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click(); // session 27: settings open on demand
    const id = page.getByLabel('Flow id');
    await id.fill('bike shop/2');
    await id.press('Enter');
    await page.getByText('The flow id cannot contain spaces, "/"').waitFor();
    expect(await id.inputValue()).toBe('bike shop/2');
    await screenshot(page, 'uxfix6-flow-id-refused');
    // Another flow's id (hostile s6): refused with the flow that has it.
    await id.fill(other.flow.id);
    await id.press('Enter');
    await page.getByText(`Another flow in this studio, "Alpha shop", already has the id ${other.flow.id}`).waitFor();
    expect((await studio.api.openFlow(key)).flow.id).not.toBe(other.flow.id);
    await id.fill('bike-shop-2');
    await id.press('Enter');
    await expect.poll(async () => (await studio.api.openFlow(key)).flow.id, { timeout: 10_000 }).toBe('bike-shop-2');
    await page.getByText('/chat/bike-shop-2').waitFor();
    await screenshot(page, 'uxfix6-flow-id-changed');
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });
});
