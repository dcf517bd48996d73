/**
 * Session 41 (studio2), newcomer s41 N7 and N4, in headless Chromium against the real studio.
 * - N7: after a handoff in the simulator, the customer chat keeps a usable height and the agent's actions are all
 *   visible without scrolling the agent pane, at 1280x800 and 1024x700.
 * - N4: a block added from the palette does not land under the minimap or the zoom buttons.
 * Screenshots: test/e2e/screenshots/s41studio2-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { openStudioSession, simulatorPanel, type StudioSession } from '../support/browserHarness';
import { screenshot, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');
const TAG = process.env.S41_TAG ?? 'after';

describe.skipIf(!haveChromium)('session 41 studio2: simulator agent pane and canvas overlays', () => {
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

  /** Sizes of the chat transcript and the agent pane, and whether every agent action is inside the window and pane. */
  const measure = () =>
    page.evaluate(() => {
      const t = document.querySelector('.sim-transcript') as HTMLElement;
      const a = document.querySelector('.sim-agent') as HTMLElement;
      const ar = a.getBoundingClientRect();
      const buttons = [...a.querySelectorAll('button, select, input')] as HTMLElement[];
      const hidden = buttons
        .filter((b) => {
          const r = b.getBoundingClientRect();
          return r.height > 0 && (r.bottom > window.innerHeight || r.bottom > ar.bottom + 1 || r.top < ar.top - 1);
        })
        .map((b) => b.getAttribute('aria-label') ?? b.textContent);
      return { chat: Math.round(t.getBoundingClientRect().height), agent: Math.round(ar.height), agentScrolls: a.scrollHeight > a.clientHeight + 1, hidden };
    });

  /** Drops a palette block of `kind` so its top-left lands 40 px inside the minimap's top-left; the new node's and the overlays' rectangles after. */
  const dropUnderMinimap = async (kind: string) => {
    await page.evaluate((kind) => {
      const map = document.querySelector('.react-flow__minimap')!.getBoundingClientRect();
      const pane = document.querySelector('.react-flow__pane') ?? document.querySelector('.react-flow')!;
      const dt = new DataTransfer();
      dt.setData('application/x-baton-block-kind', kind);
      const at = { clientX: map.left + 40 + 120, clientY: map.top + 40 + 30, bubbles: true, cancelable: true, dataTransfer: dt };
      pane.dispatchEvent(new DragEvent('dragover', at));
      pane.dispatchEvent(new DragEvent('drop', at));
    }, kind);
    await page.waitForTimeout(1200);
    await screenshot(page, `s41studio2-n4-${page.viewportSize()?.width}-${TAG}`);
    return page.evaluate((kind) => {
      const box = (el: Element | null) => {
        if (!el) return { left: -1, top: -1, right: -1, bottom: -1, missing: true };
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      };
      const nodes = [...document.querySelectorAll('.react-flow__node')].filter((n) => n.getAttribute('data-id')?.startsWith(kind.replace(/_/g, '-')));
      return { node: box(nodes.at(-1) ?? null), map: box(document.querySelector('.react-flow__minimap')), controls: box(document.querySelector('.react-flow__controls')), canvas: box(document.querySelector('.react-flow')) };
    }, kind);
  };
  const overlaps = (a: { left: number; top: number; right: number; bottom: number }, b: typeof a) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

  for (const [w, h] of [
    [1280, 800],
    [1024, 700],
  ] as const) {
    it(`N4 at ${w}x${h}: a block dropped on the minimap's corner is panned clear of it, whole in the canvas`, async () => {
      await page.setViewportSize({ width: w, height: h });
      const { key } = await studio.api.createFlow({});
      await page.goto(studio.flowUrl(key));
      await page.waitForSelector('.react-flow__minimap');
      const r = await dropUnderMinimap('human_takeover');
      console.log(`N4 ${w}x${h} ${TAG}: node ${JSON.stringify(r.node)} minimap ${JSON.stringify(r.map)}`);
      expect(overlaps(r.node, r.map)).toBe(false);
      expect(overlaps(r.node, r.controls)).toBe(false);
      expect(r.node.left >= r.canvas.left && r.node.right <= r.canvas.right && r.node.top >= r.canvas.top && r.node.bottom <= r.canvas.bottom).toBe(true);
    });

    it(`N7 at ${w}x${h}: after the handoff the chat keeps its height and the agent's actions need no scrolling`, async () => {
      await page.setViewportSize({ width: w, height: h });
      const { key } = await studio.api.createFlow({ template: 'customer-support' });
      await page.goto(studio.flowUrl(key));
      await page.waitForSelector('.react-flow__node[data-id="main_menu"]');
      await page.getByRole('button', { name: 'Open the simulator' }).click();
      await panel().waitFor();
      await expect.poll(() => transcript().locator('li').count()).toBeGreaterThan(0);
      const before = Math.round((await transcript().boundingBox())!.height);
      await say('where is my order?');
      await say('actually can I talk to a person please');
      await say('kim@example.com');
      const agent = panel().getByRole('region', { name: 'Agent pane' });
      await agent.waitFor();
      await agent.getByRole('button', { name: 'Accept' }).or(agent.getByLabel('Agent reply')).first().waitFor();
      if (await agent.getByRole('button', { name: 'Accept' }).count()) await agent.getByRole('button', { name: 'Accept' }).click();
      await agent.getByLabel('Agent reply').waitFor();
      const m = await measure();
      await screenshot(page, `s41studio2-n7-${w}-${TAG}`);
      console.log(`N7 ${w}x${h} ${TAG}: chat before handoff ${before}px, after ${m.chat}px; agent pane ${m.agent}px, scrolls ${m.agentScrolls}, hidden ${JSON.stringify(m.hidden)}`);
      expect(m.hidden).toEqual([]);
      expect(m.agentScrolls).toBe(false);
      // Session 42 (sim): the pane shows the assignment's state ("Assigned · Ana · not opened yet", Open the chat) and the
      // inbox's actions on one row: at 1024x700 the chat keeps 312 of 425 px (0.73; session 41: 325). Changed on purpose.
      expect(m.chat).toBeGreaterThanOrEqual(before * 0.7);
      // The agent can still reply, and the reply shows in the customer chat.
      await agent.getByLabel('Agent reply').fill('Hello Kim, Ana here.');
      await agent.getByLabel('Agent reply').press('Enter');
      await expect.poll(() => transcript().getByText('Hello Kim, Ana here.').count()).toBeGreaterThan(0);
    });
  }
});
