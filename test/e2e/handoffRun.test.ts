/**
 * The studio's Run button end to end: the real studio page in headless Chromium, a flow made from the
 * customer-support template, Run -> the studio server starts the runtime in-process (store under the studio
 * home), the popover shows the widget and inbox URLs, the widget page chats with the bot, the inbox link signs
 * the designer in without a password. Stop ends the runtime. Screenshot: test/e2e/screenshots/handoff-run.png.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { openStudioSession, type StudioSession } from '../support/browserHarness';
import { screenshot, type BrowserHandle, type StudioHandle } from './support/studio';
import { designerName } from '../../runtime/studio/run/studioRunner';

const haveChromium = requireProgram('chromium');

/**
 * Longest wait for the widget's first message once its page is open. Back to 20 s (was 45 s in session 4, when the
 * tests drove development pages and a rebuild by another test run could empty dist/renderer under them): measured
 * 0.1-0.3 s in whole e2e runs at load 11-18 on 2 cores.
 */
const GREETING_WAIT_MS = 20_000;

describe.skipIf(!haveChromium)('studio Run button', () => {
  let session: StudioSession;
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;

  beforeAll(async () => {
    session = await openStudioSession();
    ({ studio, browser, page } = session);
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });

  it('serves the open flow, opens the widget and the inbox, and stops', async () => {
    const { key } = await studio.api.createFlow({ template: 'customer-support' });
    await page.goto(studio.flowUrl(key));
    const opened: Page[] = [];
    browser.context.on('page', (p) => opened.push(p));
    await page.getByRole('button', { name: 'Run this flow in a real chat' }).click();
    const pop = page.getByRole('dialog', { name: 'Running flow' });
    // Starting the runtime takes about a second here, far longer on a loaded CI machine (uxfix2, fresh clone at
    // 73d10a4: over 30 s): wait for the live line or the error the designer would see, then say which.
    await pop.getByText(/is live on/).or(pop.getByRole('alert')).waitFor({ timeout: 90_000 });
    expect(await pop.innerText()).toMatch(/is live on http:\/\/127\.0\.0\.1:\d+/);
    await screenshot(page, 'handoff-run');
    const links = await pop.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    // With this press's key: the widget starts a new chat for it (newcomer s35 #6).
    expect(links[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/chat\/customer-support\?newChat=[A-Za-z0-9_-]+$/);
    expect(links[1]).toMatch(/\/inbox\/#token=/);
    // The embedded store lives under the studio home.
    expect(existsSync(join(studio.home, 'runtime'))).toBe(true);

    // Both pages were opened by the button.
    await expect.poll(() => opened.length, { timeout: 15_000 }).toBe(2);
    // The button opens the widget, then the inbox, but a loaded browser may announce the two pages in either order:
    // tell them apart by where they go (a test that took the first page for the widget waited for a greeting in the
    // inbox).
    const where = await Promise.all(opened.map(async (p) => (await p.waitForURL(/\/(chat|inbox)\//, { timeout: 15_000 }), new URL(p.url()).pathname)));
    const widgetPage = opened[where.findIndex((w) => w.startsWith('/chat/'))];
    const inboxPage = opened[where.findIndex((w) => w.startsWith('/inbox/'))];
    expect(widgetPage && inboxPage, `pages opened: ${where.join(', ')}`).toBeTruthy();
    const frame = widgetPage.frameLocator('iframe[title]');
    // The pages are production builds (as users get them): the greeting comes well under a second, 1-2 s at load 14
    // with a request-by-request timeline (test/e2e/support/measureRunGreeting.ts). If it does not come, say what the
    // widget showed.
    const waitingSince = Date.now();
    await frame
      .getByText('What can I help you with?')
      .waitFor({ timeout: GREETING_WAIT_MS })
      .catch(async (e) => {
        const shown = await widgetPage.frames().at(-1)?.evaluate(() => document.body.innerText).catch(() => '?');
        throw new Error(`the widget never greeted; it showed: ${JSON.stringify(shown)} (${(e as Error).message})`);
      });
    console.log(`[handoffRun] widget greeting ${Date.now() - waitingSince} ms after both pages opened`);
    await frame.getByRole('button', { name: 'Shipping' }).click();
    await frame.getByText(/UK standard delivery/).waitFor({ timeout: 15_000 });
    // One page view, one conversation (a development build's StrictMode used to start two).
    const designerToken = decodeURIComponent(new URL(links[1]).hash.replace(/^#token=/, ''));
    const runtimeUrl = new URL(links[0]).origin;
    const live = await fetch(`${runtimeUrl}/api/v1/agent/conversations?mode=bot`, { headers: { authorization: `Bearer ${designerToken}` } });
    expect(live.status).toBe(200);
    expect(((await live.json()) as { total: number }).total).toBe(1);
    // The inbox link signed the designer in (under the name customers read: newcomer s26 F18).
    await inboxPage.getByText(designerName()).first().waitFor({ timeout: 20_000 });
    expect(browser.errors).toEqual([]);

    await pop.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(async () => fetch(links[0]).then(() => 'up', () => 'down'), { timeout: 15_000 }).toBe('down');
  }, 180_000);
});
