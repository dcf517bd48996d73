/**
 * Newcomer s12 #5 in Chromium: two browser windows on one flow with no channel between them (two browsers, or two
 * profiles). Window A saves an edit; window B says "changed in another tab or window" within its next disk check,
 * before any edit of its own, and says it once.
 * Screenshot: test/e2e/screenshots/fixstudio12-two-windows.png (looked at).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { ensureRendererBuilt, openBrowser, screenshot, startStudio, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');
const BLOCKS = '.react-flow__node:not(.react-flow__node-note):not(.react-flow__node-group)';

describe.skipIf(!haveChromium)('two windows on one flow (newcomer s12 #5)', () => {
  let one: BrowserHandle;
  let two: BrowserHandle;
  let studio: StudioHandle;
  beforeAll(async () => {
    ensureRendererBuilt();
    studio = await startStudio();
    one = await openBrowser();
    two = await openBrowser();
  }, 240_000);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await studio?.close();
  });

  it('the other window shows the banner before its own edit', async () => {
    const { key } = await studio.api.createFlow({ template: 'lead-gen' });
    for (const w of [one, two]) {
      await w.page.goto(studio.url);
      await w.page.goto(studio.flowUrl(key));
      await w.page.waitForSelector('.react-flow__node');
    }
    const a = one.page;
    const b = two.page;
    const before = await a.locator(BLOCKS).count();
    await a.locator(BLOCKS).nth(1).click();
    await a.keyboard.press('Delete');
    await expect.poll(() => a.locator(BLOCKS).count()).toBe(before - 1);
    await expect.poll(() => a.locator('.bt-save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
    const alert = b.getByRole('alert').filter({ hasText: 'changed in another tab or window' });
    await expect.poll(() => alert.count(), { timeout: 10_000 }).toBe(1);
    expect(await alert.textContent()).toContain('this tab had no unsaved changes, so nothing is lost');
    expect(((await alert.textContent()) ?? '').match(/changed in another tab or window/g)).toHaveLength(1);
    // Newcomer s12 #1: the banner leaves the canvas's problems badge visible.
    const badge = (await b.locator('.st-problems-toggle').boundingBox())!;
    const over = (await alert.boundingBox())!;
    expect(badge.y + badge.height <= over.y || over.y + over.height <= badge.y || badge.x + badge.width <= over.x || over.x + over.width <= badge.x).toBe(true);
    await screenshot(b, 'fixstudio12-two-windows');
    expect(await a.locator('.bt-save-status').getAttribute('data-status')).toBe('saved');
    // Newcomer s13 #9: the stale window is read-only (it took edits that could never be saved): a block's text
    // cannot be typed, Delete removes nothing, the palette is disabled, and the banner and inspector say why.
    expect(await alert.textContent()).toContain('This window is read-only now');
    const inB = await b.locator(BLOCKS).count();
    await b.locator(BLOCKS).nth(1).click();
    const inspector = b.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.getByRole('note').filter({ hasText: 'Read-only' }).count()).toBe(1);
    const firstField = inspector.getByRole('textbox').first();
    expect(await firstField.isDisabled()).toBe(true);
    await b.keyboard.press('Delete');
    await b.waitForTimeout(300);
    expect(await b.locator(BLOCKS).count()).toBe(inB);
    expect(await b.locator('.st-palette-item').first().isDisabled()).toBe(true);
    await screenshot(b, 'fixstudio13-window-read-only');
    expect([...one.errors, ...two.errors], 'uncaught errors in the pages').toEqual([]);
  });
});
