/**
 * fixui, session 18, in headless Chromium on a real runtime.
 * Newcomer s17 N#4: closing the inbox tab signed the agent out of that browser (the sign-in lived in the tab's
 * sessionStorage): reopening /inbox asked for her password while her away grace ran. Now the sign-in is kept by the
 * browser (renderer/inbox/inboxStorage.ts): a closed tab, reopened, finds her signed in; signing out in one tab signs
 * out the others.
 * Newcomer s17 N#2 rest: at 1024 px the stale-window banner (fixed, centred) covered the top of the inspector, its
 * tabs included. The editor's banners are now a row of its layout under the top bar: nothing is covered.
 * Screenshots in /work/coord/s18/fixui-shots/ when that folder exists, else test/e2e/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import { launchChromium } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { callJson, startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, openBrowser, screenshotsDir, startStudio, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');
const shotsDir = existsSync('/work/coord/s18/fixui-shots/after') ? '/work/coord/s18/fixui-shots/after' : screenshotsDir;
const shot = async (page: Page, name: string) => {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`) });
};
const PASSWORD = 'correct horse battery staple';
const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', passwordHash: hashPassword(PASSWORD), teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: false } as Agent;

describe.skipIf(!haveChromium)('fixui s18: closing the inbox tab does not sign the agent out (newcomer s17 N#4)', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlowOpenQueue()], agents: [ann], prefix: 'baton-fixui18-e2e-' });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  it('a closed tab, reopened, finds her signed in; signing out in one tab signs out the other', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const first = await context.newPage();
    await first.goto(`${run.rt.url}/inbox`);
    await first.getByLabel('Email or agent id').fill('ann@example.com');
    await first.getByLabel('Password').fill(PASSWORD);
    await first.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => (await first.getByLabel('Your status').count()) > 0, { timeout: 10_000 }).toBe(true);
    await first.close();

    const again = await context.newPage();
    await again.goto(`${run.rt.url}/inbox`);
    await expect.poll(async () => (await again.getByLabel('Your status').count()) > 0 || (await again.getByRole('button', { name: 'Sign in' }).count()) > 0, { timeout: 10_000 }).toBe(true);
    expect(await again.getByRole('button', { name: 'Sign in' }).count(), 'the reopened inbox asks for the password').toBe(0);
    // Her session still works on the server (the list loads, no "session ended").
    await expect.poll(async () => (await again.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);

    // A second tab of the same browser is signed in too; signing out in it signs out the first.
    const second = await context.newPage();
    await second.goto(`${run.rt.url}/inbox`);
    await expect.poll(async () => (await second.getByLabel('Your status').count()) > 0, { timeout: 10_000 }).toBe(true);
    await second.getByRole('button', { name: 'Sign out' }).click();
    await second.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 10_000 });
    await again.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await again.getByRole('alert').allTextContents()).join(' '), { timeout: 5_000 }).toMatch(/signed out in another tab|session ended/i);
    await context.close();
  }, 120_000);
});

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

describe.skipIf(!haveChromium)('fixui s18: the stale-window banner covers nothing at 1024 px (newcomer s17 N#2 rest)', () => {
  let one: BrowserHandle;
  let two: BrowserHandle;
  let studio: StudioHandle;
  beforeAll(async () => {
    ensureRendererBuilt();
    studio = await startStudio({ port: 5022 });
    one = await openBrowser();
    two = await openBrowser();
  }, 240_000);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await studio?.close();
  });

  it('the banner is a row above the panels: the inspector, its tabs and the canvas are not under it', async () => {
    const { key } = await studio.api.createFlow({ template: 'customer-support' });
    for (const w of [one, two]) {
      await w.page.setViewportSize({ width: 1024, height: 768 });
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
    // A block selected: the inspector shows its tabs at the top (what the banner covered).
    await b.locator('.react-flow__node').first().click();
    await b.waitForTimeout(300);
    for (const [w, h] of [[1024, 768], [1440, 900]] as const) {
      await b.setViewportSize({ width: w, height: h });
      await b.waitForTimeout(200);
      await shot(b, `fixui18-stale-banner-${w}-light`);
      const box = (await banner.boundingBox())!;
      for (const sel of ['.st-inspector', '.st-canvas', '.st-palette, .st-readonly-scope']) {
        const other = await b.locator(sel).first().boundingBox();
        if (other) expect(overlaps(box, other), `the banner covers ${sel} at ${w} px`).toBe(false);
      }
      // Still wide enough to read, buttons under the text (s17).
      const text = (await banner.locator('.bt-conflict-text').boundingBox())!;
      const actions = (await banner.locator('.bt-conflict-actions').boundingBox())!;
      expect(text.width).toBeGreaterThan(500);
      expect(actions.y).toBeGreaterThanOrEqual(text.y + text.height - 1);
    }
    await b.getByRole('button', { name: 'Dark theme' }).click();
    for (const [w, h] of [[1024, 768], [1440, 900]] as const) {
      await b.setViewportSize({ width: w, height: h });
      await b.waitForTimeout(200);
      await shot(b, `fixui18-stale-banner-${w}-dark`);
    }
    await b.getByRole('button', { name: 'Light theme' }).click();
  }, 180_000);

  it('designer pass: home and editor with the simulator, 1440 and 1024 px, light and dark: nothing runs off the window', async () => {
    const { key } = await studio.api.createFlow({ template: 'customer-support' });
    const p = one.page;
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    for (const theme of ['light', 'dark'] as const) {
      for (const [w, h] of [[1440, 900], [1024, 768]] as const) {
        await p.setViewportSize({ width: w, height: h });
        await p.goto(studio.url);
        // The studio's theme is its own choice (remembered in this browser), not the system's.
        await p.evaluate((t) => localStorage.setItem('baton.theme', t), theme);
        await p.reload();
        await p.waitForTimeout(800);
        await shot(p, `fixui18-studio-home-${w}-${theme}`);
        expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `home scrolls sideways at ${w}`).toBeLessThanOrEqual(0);
        // Since session 27 the tab remembers an open simulator across a reload (sessionStorage): each round opens it itself.
        await p.evaluate(() => sessionStorage.clear());
        await p.goto(studio.flowUrl(key));
        await p.waitForSelector('.react-flow__node');
        const dark = (await p.getByRole('button', { name: 'Light theme' }).count()) > 0;
        if ((theme === 'dark') !== dark) await p.getByRole('button', { name: theme === 'dark' ? 'Dark theme' : 'Light theme' }).click();
        await p.getByRole('button', { name: 'Open the simulator' }).click();
        await p.getByLabel('Customer message').waitFor({ timeout: 15_000 });
        await p.getByLabel('Customer message').fill('Shipping costs to Canada?');
        await p.getByLabel('Customer message').press('Enter');
        await p.waitForTimeout(1200);
        await shot(p, `fixui18-studio-simulator-${w}-${theme}`);
        for (const sel of ['.st-topbar', '.st-main']) {
          const box = (await p.locator(sel).first().boundingBox())!;
          expect(box.x + box.width, `${sel} right edge at ${w} px`).toBeLessThanOrEqual(w + 0.5);
        }
        expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `editor scrolls sideways at ${w}`).toBeLessThanOrEqual(0);
      }
    }
    expect(errors).toEqual([]);
  }, 240_000);
});

describe.skipIf(!haveChromium)('fixui s18: a masked agent message is said at the message, on a real runtime (newcomer s17 N#7); inbox and widget screens', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlowOpenQueue()], agents: [ann], prefix: 'baton-fixui18-n7-' });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  it('the note under her bubble; screenshots at 1440, 1024 and 390 px, light and dark', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${run.rt.url}/inbox`);
    await page.getByLabel('Email or agent id').fill('ann@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => (await page.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);
    const c = (await callJson(`${run.rt.url}/api/v1/flows/customer-support/conversations`, 'POST', {})).body;
    await callJson(`${run.rt.url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: 'I need to speak with a human' }, c.token);
    await page.getByRole('button', { name: /Asked for a person/ }).first().click();
    await page.getByRole('button', { name: 'Accept' }).click();
    const box = page.getByRole('textbox', { name: 'Reply to the customer' });
    await box.waitFor({ timeout: 10_000 });
    await box.fill('I reset it for you: your temporary password is Tulip-2291, please change it after you log in.');
    await box.press('Enter');
    const item = page.locator('.ib-log li').filter({ hasText: 'your temporary password is [hidden]' });
    await item.first().waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await item.first().getByRole('note').textContent()) ?? '', { timeout: 10_000 }).toMatch(/The password in this message was hidden from the customer: they see “\[hidden\]”/);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [w, h] of [[1440, 900], [1024, 768], [390, 844]] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.waitForTimeout(250);
        await shot(page, `fixui18-inbox-secret-note-${w}-${scheme}`);
        // Designer pass: the newest message and its note stay in view when the window narrows (they fell below the fold).
        const log = (await page.locator('.ib-log').boundingBox())!;
        const note = (await item.first().getByRole('note').boundingBox())!;
        expect(note.y + note.height, `the note is in view at ${w} px (${scheme})`).toBeLessThanOrEqual(log.y + log.height + 1);
      }
    }
    // The customer's side, in the widget page at 390 px.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const w = await phone.newPage();
    w.on('pageerror', (e) => errors.push(String(e)));
    await w.goto(`${run.rt.url}/chat/customer-support`);
    // Below 761 px the demo page's widget starts closed (session 40): open it.
    await w.getByRole('button', { name: /^Open the chat/ }).click();
    await w.waitForTimeout(1500);
    for (const scheme of ['light', 'dark'] as const) {
      await w.emulateMedia({ colorScheme: scheme });
      await w.waitForTimeout(250);
      await shot(w, `fixui18-widget-390-${scheme}`);
    }
    expect(errors).toEqual([]);
    await phone.close();
    await context.close();
  }, 180_000);
});
