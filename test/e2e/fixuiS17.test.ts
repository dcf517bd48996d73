/**
 * fixui, session 17, in headless Chromium on a real runtime.
 * Newcomer s17 N#9 / N#2: a stale window's Reload kept the unsaved edits out of reach; the reloaded editor now offers
 * them (Download / Replace with mine… / Discard…), and Replace with mine… puts them back. The stale banner's buttons
 * are under its text (it was a 140 px column of text over the canvas).
 * Newcomer s17 N#14: the inbox on a phone (390 px) as an admin: the top bar scrolled sideways and the admin entries
 * (Agents, Canned replies) were off the screen, reachable only by swiping a bar with no hint. Now the bar wraps: every
 * entry is on screen, nothing scrolls sideways. Screenshots (light and dark) in /work/coord/s17/fixui-shots/ when that
 * folder exists, else test/e2e/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import { launchChromium } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, openBrowser, screenshotsDir, startStudio, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery staple';
const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', passwordHash: hashPassword(PASSWORD), teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: true } as Agent;
const WIDTH = 390;
const HEIGHT = 844;
const shotsDir = existsSync('/work/coord/s17/fixui-shots') ? '/work/coord/s17/fixui-shots' : screenshotsDir;
const shot = async (page: Page, name: string) => {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`) });
};

describe.skipIf(!haveChromium)('fixui s17: the inbox on a phone as an admin (newcomer s17 N#14)', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlowOpenQueue()], agents: [ann], prefix: 'baton-fixui17-e2e-' });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`every entry of the top bar is on screen, nothing scrolls sideways (${scheme})`, async () => {
      const context = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, colorScheme: scheme });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${run.rt.url}/inbox`);
      await page.getByLabel('Email or agent id').fill('ann@example.com');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(async () => (await page.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);
      const bar = page.locator('nav.ib-side');
      const scroll = await bar.evaluate((el) => el.scrollWidth - el.clientWidth);
      await shot(page, `fixui17-inbox-phone-admin-${scheme}`);
      expect(scroll, 'the top bar scrolls sideways').toBeLessThanOrEqual(1);
      for (const name of ['Agents', 'Canned replies']) {
        const b = page.getByRole('button', { name: new RegExp(`^${name}`) }).first();
        const box = await b.boundingBox();
        expect(box, `${name} is in the bar`).not.toBeNull();
        expect(box!.x, `${name} left`).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, `${name} right edge within ${WIDTH}`).toBeLessThanOrEqual(WIDTH + 0.5);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      // The admin screen opens from the bar and fits.
      await page.getByRole('button', { name: /^Canned replies/ }).first().click();
      await page.getByRole('button', { name: 'Add reply' }).waitFor();
      await shot(page, `fixui17-inbox-phone-canned-${scheme}`);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});

describe.skipIf(!haveChromium)('fixui s17: a stale window\'s Reload keeps the edits within reach (newcomer s17 N#9)', () => {
  let one: BrowserHandle;
  let two: BrowserHandle;
  let studio: StudioHandle;
  beforeAll(async () => {
    ensureRendererBuilt();
    studio = await startStudio({ port: 5021 });
    one = await openBrowser();
    two = await openBrowser();
  }, 240_000);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await studio?.close();
  });

  it('stale banner (buttons under the text), Reload, then the kept edits are offered and put back', async () => {
    const { key } = await studio.api.createFlow({ template: 'customer-support' });
    for (const w of [one, two]) {
      await w.page.goto(studio.url);
      await w.page.goto(studio.flowUrl(key));
      await w.page.waitForSelector('.react-flow__node');
    }
    const a = one.page;
    const b = two.page;
    await b.route('**/api/flows/**', (route) => route.abort());
    await b.getByRole('button', { name: 'Flow settings' }).click();
    await b.getByLabel('Description', { exact: true }).fill('Rewritten in window B while offline');
    await b.getByLabel('Description', { exact: true }).press('Tab');
    await expect.poll(() => b.locator('.bt-save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('offline');
    await a.getByRole('button', { name: 'Flow settings' }).click();
    await a.getByLabel('Flow name', { exact: true }).fill('Renamed in window A');
    await a.getByLabel('Flow name', { exact: true }).press('Tab');
    await expect.poll(() => a.locator('.bt-save-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
    await b.unroute('**/api/flows/**');
    const banner = b.getByRole('alert').filter({ hasText: 'This window is read-only now' });
    await banner.waitFor({ timeout: 20_000 });
    await b.getByRole('button', { name: 'Flow settings' }).click().catch(() => undefined);
    await shot(b, 'fixui17-stale-banner-1440');
    // N#2: the text is not squeezed into a column: the banner is wide and its buttons sit below the text.
    const text = await banner.locator('.bt-conflict-text').boundingBox();
    const actions = await banner.locator('.bt-conflict-actions').boundingBox();
    expect(text!.width).toBeGreaterThan(500);
    expect(actions!.y).toBeGreaterThanOrEqual(text!.y + text!.height - 1);
    await b.setViewportSize({ width: 1024, height: 768 });
    await shot(b, 'fixui17-stale-banner-1024');
    await b.emulateMedia({ colorScheme: 'dark' });
    await shot(b, 'fixui17-stale-banner-1024-dark');
    await b.emulateMedia({ colorScheme: 'light' });
    await b.setViewportSize({ width: 1440, height: 900 });

    // Reload: the server's version, and the kept edits offered.
    await banner.getByRole('button', { name: 'Reload' }).click();
    const kept = b.getByRole('alert', { name: 'Your kept changes' });
    await kept.waitFor({ timeout: 20_000 });
    expect(await kept.textContent()).toContain('Your unsaved changes from before the reload are kept in this browser.');
    await shot(b, 'fixui17-kept-banner-1440');
    await kept.getByRole('button', { name: 'Replace with mine…' }).click();
    const dialog = b.getByRole('dialog', { name: 'Replace the flow with your kept changes?' });
    await dialog.getByRole('button', { name: 'Replace with mine' }).waitFor();
    await shot(b, 'fixui17-kept-replace-confirm');
    expect(await dialog.textContent()).toMatch(/Flow settings: Name \(“Renamed in window A” → /);
    await dialog.getByRole('button', { name: 'Replace with mine' }).click();
    await expect.poll(async () => (await studio.api.openFlow(key)).flow.description, { timeout: 15_000 }).toBe('Rewritten in window B while offline');
    expect(await b.getByRole('alert', { name: 'Your kept changes' }).count()).toBe(0);
    await shot(b, 'fixui17-kept-after-replace');
  }, 180_000);
});
