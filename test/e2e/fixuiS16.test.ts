/**
 * fixui, session 16, in headless Chromium against the real studio server.
 * - newcomer s13 #9 rest: "Replace with mine…" in a stale window, two browser windows (no channel between them).
 * Screenshots in test/e2e/screenshots/fixui16-*.png (looked at; copies in /work/coord/s16/fixui-shots/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { ensureRendererBuilt, openBrowser, screenshot, startStudio, type BrowserHandle, type StudioHandle } from './support/studio';

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
    const name = removed.label ? `“${removed.label}”` : removed.id;
    expect(await undone.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(new RegExp(`^The block ${name} \\(${removed.kind}\\) it deleted comes back`))]);
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
});
