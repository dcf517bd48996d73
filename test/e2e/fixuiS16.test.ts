/**
 * fixui, session 16, in headless Chromium against the real studio server.
 * - newcomer s13 #9 rest: "Replace with mine…" in a stale window, two browser windows (no channel between them).
 * - newcomer s16 N#7: a long flow opens in one re-measure of its blocks, not one per block.
 * - newcomer s15 N#8 first part: at 1024 px, "Show block" from a simulator bubble leaves the block in view.
 * - newcomer s16 N#6: a trashed flow opened by its address says it is in the trash, with Restore.
 * Screenshots in test/e2e/screenshots/fixui16-*.png (looked at; copies in /work/coord/s16/fixui-shots/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { ensureRendererBuilt, openBrowser, screenshot, startStudio, type BrowserHandle, type StudioHandle } from './support/studio';
import { simulatorPanel } from '../support/browserHarness';

const haveChromium = requireProgram('chromium');
const BLOCKS = '.react-flow__node:not(.react-flow__node-note):not(.react-flow__node-group)';

describe.skipIf(!haveChromium)('fixui s16: two windows, Replace with mine', () => {
  let one: BrowserHandle;
  let two: BrowserHandle;
  let studio: StudioHandle;
  beforeAll(async () => {
    ensureRendererBuilt();
    studio = await startStudio({ port: 5001 });
    one = await openBrowser();
    two = await openBrowser();
  }, 240_000);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await studio?.close();
  });

  it('the stale window asks first, naming what it undoes; confirmed, its flow is saved and the other version stays', async () => {
    const { key, flow } = await studio.api.createFlow({ template: 'customer-support' });
    for (const w of [one, two]) {
      await w.page.goto(studio.url);
      await w.page.goto(studio.flowUrl(key));
      await w.page.waitForSelector('.react-flow__node');
    }
    const a = one.page;
    const b = two.page;
    // B cannot reach the server while it edits (a network drop), so its edit is still unsaved when A saves.
    await b.route('**/api/flows/**', (route) => route.abort());
    await b.getByRole('button', { name: 'Flow settings' }).click();
    await b.getByLabel('Description', { exact: true }).fill('Edited in window B');
    await b.getByLabel('Description', { exact: true }).press('Tab');
    await expect.poll(() => b.locator('.bt-save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('offline');
    // A deletes a block and saves.
    const before = await a.locator(BLOCKS).count();
    const removed = flow.blocks.find((x) => x.kind !== 'start')!;
    await a.locator(`${BLOCKS}[data-id="${removed.id}"]`).click();
    await a.keyboard.press('Delete');
    await expect.poll(() => a.locator(BLOCKS).count()).toBe(before - 1);
    await expect.poll(() => a.locator('.bt-save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
    const latest = (await studio.api.openFlow(key)).revision;
    // B is back online: its save is refused, the window read-only, with Replace with mine… in the banner.
    await b.unroute('**/api/flows/**');
    const banner = b.getByRole('alert').filter({ hasText: 'This window is read-only now' });
    await banner.waitFor({ timeout: 20_000 });
    await banner.getByRole('button', { name: 'Replace with mine…' }).click();
    const dialog = b.getByRole('dialog', { name: "Replace the other window's version with yours?" });
    const undone = dialog.getByRole('list', { name: 'What saving yours undoes' });
    await undone.waitFor();
    // fixui s17 (newcomer s17 N#2): "The <Kind> block “<label or text>” it deleted comes back", never the id.
    expect(await undone.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^The [A-Z][\w ]* block “[^”]+” it deleted comes back/)]);
    expect(await dialog.textContent()).toContain(`stays in Version history as version ${latest}`);
    expect(await dialog.textContent()).toContain('Your changes saved with it:');
    await screenshot(b, 'fixui16-replace-confirm');
    // Nothing is saved until confirmed.
    expect((await studio.api.openFlow(key)).revision).toBe(latest);
    await dialog.getByRole('button', { name: 'Replace with mine' }).click();
    await expect.poll(() => b.locator('.bt-save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
    await expect.poll(() => dialog.count()).toBe(0);
    const notice = b.getByRole('status').filter({ hasText: `stays in Version history as version ${latest}` });
    await notice.waitFor();
    expect(await banner.count()).toBe(0);
    const now = await studio.api.openFlow(key);
    expect(now.revision).toBe(latest + 1);
    expect(now.flow.description).toBe('Edited in window B');
    expect(now.flow.blocks.some((x) => x.id === removed.id)).toBe(true);
    expect((await studio.api.version(key, latest)).flow.blocks.some((x) => x.id === removed.id), "A's version is in the history").toBe(false);
    await screenshot(b, 'fixui16-replace-saved');
    // B edits normally again; A (the other window) is now the stale one.
    await b.getByLabel('Description', { exact: true }).fill('Edited in window B again');
    await b.getByLabel('Description', { exact: true }).press('Tab');
    await expect.poll(async () => (await studio.api.openFlow(key)).flow.description, { timeout: 10_000 }).toBe('Edited in window B again');
    await a.getByRole('alert').filter({ hasText: 'changed in another tab or window' }).waitFor({ timeout: 20_000 });
    expect([...one.errors, ...two.errors], 'uncaught errors in the pages').toEqual([]);
  });

  it('newcomer s16 N#7: a 300-block flow measures its blocks once, not once per block (the unmounting is one step)', async () => {
    // A chain Start -> m0 ... m299 -> End, 300 px apart in rows of 30 (the newcomer's chain300.json).
    const { key, flow } = await studio.api.createFlow({});
    const blocks = [flow.blocks.find((x) => x.kind === 'start')!, ...Array.from({ length: 300 }, (_, i) => ({ id: `m${i}`, kind: 'message' as const, label: `Msg ${i}`, position: { x: 300 + (i % 30) * 300, y: Math.floor(i / 30) * 150 }, data: { text: `Message number ${i}` } }))];
    const edges = blocks.slice(1).map((x, i) => ({ id: `e${i}`, from: blocks[i]!.id, exit: 'next', to: x.id }));
    const chain = { ...flow, blocks, edges } as typeof flow;
    const opened = await studio.api.openFlow(key);
    await studio.api.saveFlow(key, chain, 0, { baseRevision: opened.revision });
    const page = one.page;
    // Every change of the canvas's block elements, in batches as the page makes them.
    await page.addInitScript(`window.__nodeBatches = []; new MutationObserver((ms) => { let added = 0, removed = 0; for (const m of ms) { for (const n of m.addedNodes) if (n.classList && n.classList.contains('react-flow__node')) added++; for (const n of m.removedNodes) if (n.classList && n.classList.contains('react-flow__node')) removed++; } if (added || removed) window.__nodeBatches.push([added, removed]); }).observe(document, { subtree: true, childList: true });`);
    await page.goto(studio.url);
    const t0 = Date.now();
    await page.goto(studio.flowUrl(key));
    await page.locator(`${BLOCKS}[data-id="start"]`).waitFor({ state: 'visible', timeout: 60_000 });
    const shown = Date.now() - t0;
    await expect.poll(() => page.locator(BLOCKS).count(), { timeout: 20_000 }).toBeLessThan(100);
    await page.waitForTimeout(500);
    const batches = (await page.evaluate('window.__nodeBatches')) as [number, number][];
    // React Flow mounts every block once to measure it, then keeps those in view. Before: 300 single-block unmounts, each
    // after a store update every mounted block answered (n updates of n blocks: 600 blocks took 14-18 s to show).
    expect(batches.filter(([, removed]) => removed > 0).length, JSON.stringify(batches.slice(0, 20))).toBeLessThanOrEqual(3);
    await screenshot(page, 'fixui16-chain300-open');
    console.log(`fixui16 N#7: 302 blocks shown in ${shown} ms; ${batches.length} batches of block elements`);
  });

  it('newcomer s15 N#8 first part: at 1024 px a simulator bubble\'s Show block leaves the block whole in the narrowed canvas', async () => {
    const small = await openBrowser({ width: 1024, height: 768 });
    try {
      const page = small.page;
      const { key } = await studio.api.createFlow({ template: 'customer-support' });
      await page.goto(studio.url);
      await page.goto(studio.flowUrl(key));
      await page.locator(`${BLOCKS}[data-id="start"]`).waitFor();
      const { panel, transcript, say } = simulatorPanel(() => page);
      await page.getByRole('button', { name: 'Open the simulator' }).click();
      await panel().waitFor();
      await expect.poll(() => transcript().locator('li').count()).toBeGreaterThan(0);
      await say('where is my order');
      const inside = (id: string) =>
        page.evaluate(`(() => {
          const n = document.querySelector('.react-flow__node[data-id="${id}"]')?.getBoundingClientRect();
          const c = document.querySelector('.react-flow')?.getBoundingClientRect();
          return Boolean(n && c && n.width > 0 && n.left >= c.left - 1 && n.right <= c.right + 1 && n.top >= c.top - 1 && n.bottom <= c.bottom + 1);
        })()`) as Promise<boolean>;
      const bubbles = transcript().locator('.sim-bubble[title^="Show block "]');
      const ids = (await bubbles.evaluateAll((bs) => bs.map((b) => (b.getAttribute('title') ?? '').replace(/^Show block (\S+) on the canvas$/, '$1')))).filter(Boolean);
      expect(ids.length).toBeGreaterThan(1);
      const cut: string[] = [];
      // The first bubble (Welcome, far left) after the view went on with the conversation, then the last one.
      for (const i of [0, ids.length - 1, 0]) {
        await bubbles.nth(i).click();
        // The view moves with an animation; under a loaded machine it can take longer than its nominal duration.
        let whole = false;
        for (const end = Date.now() + 8_000; !whole && Date.now() < end; ) {
          await page.waitForTimeout(300);
          whole = await inside(ids[i]!);
        }
        if (!whole) cut.push(ids[i]!);
        if (i === 0) await screenshot(page, 'fixui16-show-block-1024');
        await page.keyboard.press('Escape');
        await page.waitForTimeout(400);
      }
      expect(cut, 'blocks left out of the canvas after Show block').toEqual([]);
      expect(small.errors).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('newcomer s16 N#6: a trashed flow opened by its address says so, with Restore; a flow never made says so without API words', async () => {
    const page = one.page;
    const { key, flow } = await studio.api.createFlow({ name: 'Trashed by address' });
    await studio.api.deleteFlow(key);
    await page.goto(studio.url);
    await page.goto(studio.flowUrl(key));
    const alert = page.getByRole('alert').filter({ hasText: `“${flow.name}” is in the trash` });
    await alert.waitFor();
    expect(await alert.textContent()).not.toContain('/api/');
    await screenshot(page, 'fixui16-trashed-by-address');
    await alert.getByRole('button', { name: 'Restore' }).click();
    await page.locator(`${BLOCKS}[data-id="start"]`).waitFor();
    expect((await studio.api.listFlows()).flows.some((f) => f.key === key)).toBe(true);
    await page.goto(studio.flowUrl('never-made-here'));
    const none = page.getByRole('alert').filter({ hasText: 'There is no flow “never-made-here” in this studio' });
    await none.waitFor();
    expect(await none.textContent()).not.toContain('/api/');
    await none.getByRole('link', { name: 'Back to flows' }).click();
    await expect.poll(() => page.evaluate('location.hash')).toBe('#/');
  });
});
