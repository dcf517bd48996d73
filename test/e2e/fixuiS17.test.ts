/**
 * fixui, session 17, in headless Chromium on a real runtime.
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
import { ensureRendererBuilt, screenshotsDir } from './support/studio';

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
