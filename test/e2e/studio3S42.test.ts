/**
 * Session 42 (studio3), in headless Chromium against the real studio:
 * - a connection dropped on a block's body connects to its input; one the flow refuses says why at the drop point;
 * - a block moved or pasted under the minimap is panned clear after release (a move elsewhere leaves the view alone);
 * - a blank flow renamed in Flow settings › General takes an id from the name (one undo step, the address follows), and
 *   opening it by that address asks the server for no missing flow (no 404 in the console);
 * - the Run box opens under the "changed in another tab" banner, not over it.
 * Screenshots: test/e2e/screenshots/s42studio3-*.png (looked at).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

describe.skipIf(!haveChromium)('studio, session 42 (studio3)', () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));

  async function flowWith(name: string, blocks: unknown[], edges: unknown[]): Promise<string> {
    const created = await studio.api.createFlow({ name });
    await studio.api.saveFlow(created.key, { ...created.flow, blocks, edges } as unknown as Flow, 0);
    return created.key;
  }
  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  const boxOf = async (id: string) => (await node(id).boundingBox())!;
  const edgesOf = async (key: string) => (await studio.api.openFlow(key)).flow.edges.map((e) => `${e.from}.${e.exit}>${e.to}`);
  /** Drags a connection from `from`'s exit handle and lets it go at `to`. */
  async function dragConnection(from: string, to: { x: number; y: number }) {
    const h = (await node(from).locator('.bn-handle-out').first().boundingBox())!;
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move((h.x + to.x) / 2, (h.y + to.y) / 2, { steps: 8 });
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
  }

  it('a connection dropped on a block body connects to its input; a refused one says why where it was dropped', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const key = await flowWith(
      'Easy connect',
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'hello', kind: 'message', position: { x: 320, y: 0 }, data: { text: 'Hello!' } },
        { id: 'bye', kind: 'message', position: { x: 680, y: 0 }, label: 'Goodbye', data: { text: 'Bye for now.' } },
        { id: 'other', kind: 'message', position: { x: 680, y: 240 }, data: { text: 'Something else.' } },
      ],
      [{ id: 'e1', from: 'start', exit: 'next', to: 'hello' }],
    );
    await page.goto(studio.flowUrl(key));
    await node('bye').waitFor();
    await page.waitForTimeout(600);
    // Let go in the middle of "Goodbye"'s body, far from its input handle (its left edge).
    const bye = await boxOf('bye');
    await dragConnection('hello', { x: bye.x + bye.width * 0.7, y: bye.y + bye.height / 2 });
    await expect.poll(() => edgesOf(key), { timeout: 10_000 }).toContain('hello.next>bye');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await screenshot(page, 's42studio3-connect-on-body');

    // Refused: "Hello" already leads to "Goodbye" (an exit leads to one block): the reason, at the drop point, nothing added.
    const other = await boxOf('other');
    const at = { x: other.x + other.width * 0.6, y: other.y + other.height / 2 };
    await dragConnection('hello', at);
    const refusal = page.locator('.st-drop-refusal');
    await refusal.waitFor({ timeout: 5_000 });
    expect(await refusal.textContent()).toMatch(/^Not connected: “Message” already leads to “Goodbye”; remove that connection first/);
    const r = (await refusal.boundingBox())!;
    // Beside the drop point: to its right, or (near the canvas's right edge, as here) to its left.
    expect(Math.min(Math.abs(r.x - at.x), Math.abs(r.x + r.width - at.x))).toBeLessThan(40);
    expect(Math.abs(r.y + r.height / 2 - at.y)).toBeLessThan(40);
    await screenshot(page, 's42studio3-connect-refused');
    await page.waitForTimeout(1500);
    expect(await edgesOf(key)).not.toContain('hello.next>other');
    expect(await page.locator('.react-flow__edge').count()).toBe(2);

    // Into Start: refused with its own reason.
    await page.mouse.click(10, 10);
    const start = await boxOf('start');
    await dragConnection('other', centre(start));
    await expect.poll(() => refusal.textContent()).toMatch(/Nothing can lead into/);
    expect(await edgesOf(key)).not.toContain('other.next>start');
  });

  it('a block moved or pasted under the minimap is panned clear of it; a move elsewhere leaves the view alone', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const key = await flowWith(
      'Under the minimap',
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'hello', kind: 'message', position: { x: 320, y: 0 }, data: { text: 'Hello!' } },
      ],
      [{ id: 'e1', from: 'start', exit: 'next', to: 'hello' }],
    );
    await page.goto(studio.flowUrl(key));
    await node('hello').waitFor();
    await page.waitForTimeout(800);
    const transform = () => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
    const map = (await page.locator('.react-flow__minimap').boundingBox())!;

    // A move to open canvas: the view stays where it is (selected first: the inspector it opens narrows the canvas).
    await node('hello').click();
    await page.waitForTimeout(800);
    const before = await transform();
    let h = await boxOf('hello');
    await page.mouse.move(h.x + 40, h.y + 12);
    await page.mouse.down();
    await page.mouse.move(h.x + 40, h.y + 132, { steps: 10 });
    await page.mouse.up();
    await page.waitForTimeout(800);
    expect(await transform()).toBe(before);

    // Moved so its top-left corner is 30 px inside the minimap: panned clear once let go.
    h = await boxOf('hello');
    const grab = { x: h.x + 40, y: h.y + 12 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(map.x + 30 + 40, map.y + 30 + 12, { steps: 16 });
    await page.mouse.up();
    await page.waitForTimeout(1000);
    await screenshot(page, 's42studio3-moved-under-minimap');
    expect(await transform()).not.toBe(before);
    expect(overlap(await boxOf('hello'), map)).toBe(false);
    const canvas = (await page.locator('.react-flow').boundingBox())!;
    const moved = await boxOf('hello');
    expect(moved.x).toBeGreaterThanOrEqual(canvas.x);
    expect(moved.y + moved.height).toBeLessThanOrEqual(canvas.y + canvas.height);

    // Pasted at a click just above the minimap (the pasted block reaches down over it): panned clear too.
    await node('hello').click();
    await page.keyboard.press('Control+c');
    const map2 = (await page.locator('.react-flow__minimap').boundingBox())!;
    await page.mouse.click(map2.x + 20, map2.y - 24);
    await page.keyboard.press('Control+v');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await page.waitForTimeout(1000);
    await screenshot(page, 's42studio3-pasted-above-minimap');
    const ids = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    const pasted = ids.find((id) => id !== 'start' && id !== 'hello')!;
    expect(overlap(await boxOf(pasted), (await page.locator('.react-flow__minimap').boundingBox())!)).toBe(false);
  });

  it("a blank flow named in Flow settings takes its id from the name (one undo), and opens by that address with no 404", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const { key, flow } = await studio.api.createFlow({});
    expect(flow.id).toMatch(/^untitled-flow/);
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click();
    const name = page.getByLabel('Flow name', { exact: true });
    await name.fill('Callback booking bot');
    await expect.poll(() => page.getByTestId('flow-settings').textContent()).toContain(`This new flow's id ${flow.id} follows the name: it becomes callback-booking-bot when you leave this field`);
    await screenshot(page, 's42studio3-name-offers-id');
    await name.press('Tab');
    const id = page.getByLabel('Flow id', { exact: true });
    await expect.poll(() => id.inputValue()).toBe('callback-booking-bot');
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 10_000 }).toBe('#/flow/callback-booking-bot');
    await expect.poll(async () => (await studio.api.openFlow(key)).flow.id, { timeout: 10_000 }).toBe('callback-booking-bot');
    await screenshot(page, 's42studio3-name-took-id');

    // One undo puts back both the name and the id.
    await page.mouse.click(700, 500);
    await page.keyboard.press('Control+z');
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click();
    await expect.poll(() => page.getByLabel('Flow id', { exact: true }).inputValue()).toBe(flow.id);
    expect(await page.getByLabel('Flow name', { exact: true }).inputValue()).toBe(flow.name);
    await page.mouse.click(700, 500);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await studio.api.openFlow(key)).flow.id, { timeout: 10_000 }).toBe('callback-booking-bot');

    // Opened afresh by the id address: no request for a flow that is not there.
    const missing: string[] = [];
    const watch = (r: { status(): number; url(): string }) => {
      if (r.status() === 404 && r.url().includes('/api/')) missing.push(r.url());
    };
    page.on('response', watch);
    try {
      await page.goto(studio.url);
      await page.goto(new URL('#/flow/callback-booking-bot', studio.flowUrl(key)).toString());
      await page.locator('.react-flow__node').first().waitFor();
      await page.waitForTimeout(800);
      expect(await page.locator('.st-flow-name').textContent()).toContain('Callback booking bot');
      expect(missing).toEqual([]);
    } finally {
      page.off('response', watch);
    }

    // A flow with an id of its own keeps it when renamed here.
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click();
    await page.getByLabel('Flow name', { exact: true }).fill('Callback bot, second try');
    await page.getByLabel('Flow name', { exact: true }).press('Tab');
    await page.waitForTimeout(1500);
    expect(await page.getByLabel('Flow id', { exact: true }).inputValue()).toBe('callback-booking-bot');
  });

  it('the Run box opens under the "changed in another tab" banner', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const key = await flowWith(
      'Run under banner',
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'hello', kind: 'message', position: { x: 320, y: 0 }, data: { text: 'Hello!' } },
      ],
      [{ id: 'e1', from: 'start', exit: 'next', to: 'hello' }],
    );
    await page.goto(studio.flowUrl(key));
    await node('hello').waitFor();
    // Another writer saves the flow: this window says so in the banner row.
    const now = await studio.api.openFlow(key);
    await studio.api.saveFlow(key, { ...now.flow, name: 'Changed elsewhere' } as Flow, now.journalSeq ?? 1);
    const banner = page.locator('.st-banner-slot [role="alert"]').first();
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(1);
    expect(await banner.textContent()).toMatch(/changed in another tab or window|changed on disk|changed outside/i);
    await page.getByRole('button', { name: 'Run this flow in a real chat' }).click();
    const pop = page.getByRole('dialog', { name: 'Running flow' });
    await pop.getByText(/is live on/).or(pop.getByRole('alert')).waitFor({ timeout: 90_000 });
    await page.waitForTimeout(300);
    await screenshot(page, 's42studio3-run-under-banner');
    const b = (await banner.boundingBox())!;
    const p = (await pop.boundingBox())!;
    expect(p.y).toBeGreaterThanOrEqual(b.y + b.height);
    if (await pop.getByRole('button', { name: 'Stop' }).count()) await pop.getByRole('button', { name: 'Stop' }).click();
  });
});
