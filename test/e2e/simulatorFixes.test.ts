/**
 * Simulator fixes after the newcomer's test (/work/coord/newcomer-report.md), in headless Chromium against the
 * real studio: opening the simulator keeps the block the conversation stands at visible (the canvas pans when
 * the panel narrows it); a long word wraps inside its chat bubble (no horizontal scrollbar); a Human Takeover
 * that needs a skill nobody online has says why, in the agent pane and in Debug.
 * Screenshots: test/e2e/screenshots/simfix-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { openStudioSession, simulatorPanel, type StudioSession } from '../support/browserHarness';
import { screenshot, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('simulator fixes end to end', () => {
  let session: StudioSession;
  let studio: StudioHandle;
  let page: Page;

  beforeAll(async () => {
    session = await openStudioSession();
    ({ studio, page } = session);
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });

  const { panel, transcript, say } = simulatorPanel(() => page);
  /** Is block `id` entirely inside the visible canvas? */
  const insideCanvas = (id: string) =>
    page.evaluate((id) => {
      const n = document.querySelector(`.react-flow__node[data-id="${id}"]`)?.getBoundingClientRect();
      const c = document.querySelector('.react-flow')?.getBoundingClientRect();
      return Boolean(n && c && n.left >= c.left && n.right <= c.right && n.top >= c.top && n.bottom <= c.bottom);
    }, id);

  it('the block the conversation stands at stays visible when the canvas narrows; long words wrap', async () => {
    const { key } = await studio.api.createFlow({ template: 'customer-support' });
    await page.goto(studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node[data-id="main_menu"]');
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    await panel().waitFor();
    await expect.poll(() => transcript().locator('li').count()).toBeGreaterThan(0);
    // Opening the simulator leaves main_menu (where the bot waits first) in view.
    await expect.poll(() => insideCanvas('main_menu'), { timeout: 5000 }).toBe(true);
    // Put main_menu near the right edge of the canvas, then make the window narrower: the canvas shrinks from
    // the right and would hide it.
    const canvas = (await page.locator('.react-flow').boundingBox())!;
    const node = (await page.locator('.react-flow__node[data-id="main_menu"]').boundingBox())!;
    const dx = canvas.x + canvas.width - 30 - (node.x + node.width);
    const dy = canvas.y + canvas.height / 2 - (node.y + node.height / 2);
    const from = { x: canvas.x + canvas.width / 2, y: canvas.y + 12 }; // empty pane at the top
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + dx / 2, from.y + dy / 2, { steps: 5 });
    await page.mouse.move(from.x + dx, from.y + dy, { steps: 5 });
    await page.mouse.up();
    expect(await insideCanvas('main_menu')).toBe(true);
    await screenshot(page, 'simfix-before-narrowing');
    await page.setViewportSize({ width: 1240, height: 900 });
    await expect.poll(() => insideCanvas('main_menu'), { timeout: 5000 }).toBe(true);
    await screenshot(page, 'simfix-narrowed');
    await page.setViewportSize({ width: 1440, height: 900 });

    const word = 'Supercalifragilisticexpialidocious-unbrokenwordwithoutanyspacesatallthatgoesonandonandonandon';
    await say(`Hello ${word}`);
    const overflow = await page.evaluate(() => {
      const list = document.querySelector('.sim-transcript')!;
      const bubbles = [...list.querySelectorAll('.sim-bubble')];
      return { list: list.scrollWidth - list.clientWidth, bubble: Math.max(...bubbles.map((b) => b.scrollWidth - b.clientWidth)) };
    });
    expect(overflow.list).toBeLessThanOrEqual(0);
    expect(overflow.bubble).toBeLessThanOrEqual(0);
    await screenshot(page, 'simfix-open-and-wrap');
  });

  it('a takeover needing a skill nobody online has: the agent pane and Debug say why', async () => {
    const { key, flow } = await studio.api.createFlow({ template: 'customer-support' });
    const edited = {
      ...flow,
      blocks: flow.blocks.map((b) => (b.kind === 'human_takeover' ? { ...b, data: { ...b.data, skill: 'billing' } } : b)),
    } as typeof flow;
    await studio.api.saveFlow(key, edited, 0);
    await page.goto(studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node[data-id="main_menu"]');
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    await panel().waitFor();
    await expect.poll(() => transcript().locator('li').count()).toBeGreaterThan(0);
    await say('Can I talk to a real person please?');
    const agent = panel().getByRole('region', { name: 'Agent pane' });
    await agent.getByText(/no agent found/i).waitFor();
    expect(await agent.textContent()).toMatch(/No online agent knows 'billing'\..*Online: Ana \(skills: none.*Ben \(skills: none.*“No agent” exit/);
    await screenshot(page, 'simfix-no-agent-chat');
    await panel().getByRole('tab', { name: 'Debug' }).click();
    const handoff = panel().getByRole('region', { name: 'Handoff context' });
    expect(await handoff.textContent()).toMatch(/The block “Customer service team”: No handoff was requested\. No online agent knows 'billing'/);
    await screenshot(page, 'simfix-no-agent-debug');
  });
});
