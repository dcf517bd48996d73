/**
 * The inbox on a phone (README "Not finished", session 7: not usable at 375 px), headless Chromium at 375 x 740 on a
 * real runtime: the views and the agent's status fit in a bar on top, nothing scrolls sideways; the list fills the
 * screen; a picked chat fills it with a back button, the transcript and a composer in view; "Details" shows the
 * context over the chat and goes back. Before, the desktop grid (four columns, 1,100+ px) was squeezed into 375 px.
 * Screenshots: test/e2e/screenshots/inbox-phone-{list,chat,details}.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import type { RunningRuntime } from '../../runtime/serve/startRuntime';
import { launchChromium } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { callJson, startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery staple';
const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', passwordHash: hashPassword(PASSWORD), teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: false } as Agent;
const WIDTH = 375;

/** Whether the element's box lies inside the phone's screen (not off to the side, not zero-sized). */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  return !!box && box.width > 0 && box.height > 0 && box.x >= 0 && box.x + box.width <= WIDTH + 0.5 && box.y >= 0 && box.y + box.height <= 740 + 0.5;
}
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!haveChromium)('the inbox on a phone', () => {
  let run: RuntimeWithAgents;
  let rt: RunningRuntime;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlowOpenQueue()], agents: [ann], prefix: 'baton-phone-e2e-' });
    rt = run.rt;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: WIDTH, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  it('list, chat and composer are usable at 375 px', async () => {
    await page.goto(`${rt.url}/inbox`);
    await page.getByLabel('Email or agent id').fill('ann@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => (await page.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);

    const c = (await callJson(`${rt.url}/api/v1/flows/customer-support/conversations`, 'POST', {})).body;
    await callJson(`${rt.url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: 'I need to speak with a human' }, c.token);
    const row = page.getByRole('button', { name: /Asked for a person/ });
    await row.waitFor({ timeout: 15_000 });

    // The list: the views, the status and the row on screen, nothing off to the side.
    await screenshot(page, 'inbox-phone-list');
    expect(await sideways(page)).toBe(0);
    expect(await onScreen(page, '.ib-row')).toBe(true);
    expect(await onScreen(page, 'button[title="Mine"]')).toBe(true);
    expect(await onScreen(page, 'select[aria-label="Your status"]')).toBe(true);
    expect(await page.getByText('Pick a conversation on the left.').isVisible()).toBe(false);

    // The chat: the whole screen, with a way back, the customer's words and the composer in view.
    await row.click();
    await page.getByRole('button', { name: 'Accept' }).click();
    const box = page.getByRole('textbox', { name: 'Reply to the customer' });
    await box.waitFor({ timeout: 10_000 });
    // The join line (its status line, which said the same, is left out since session 37).
    await page.getByText(/has joined the chat/).first().waitFor({ timeout: 10_000 });
    expect(await page.locator('.ib-list').isVisible()).toBe(false);
    expect(await sideways(page)).toBe(0);
    expect(await onScreen(page, '.ib-composer textarea')).toBe(true);
    expect(await onScreen(page, '.ib-composer button[type="submit"]')).toBe(true);
    expect(await onScreen(page, 'button[aria-label="Back to the list"]')).toBe(true);
    // The phone's short placeholder (the desktop's keyboard hints did not fit).
    expect(await box.getAttribute('placeholder')).toMatch(/^Reply to .+…$/);
    await box.fill('Hello, Ann here. Let me look.');
    await page.locator('.ib-composer button[type="submit"]').click();
    await expect.poll(() => page.locator('.ib-log').getByText('Hello, Ann here. Let me look.').isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'inbox-phone-chat');

    // Details: the context over the chat, and back.
    await page.getByRole('button', { name: 'Details' }).click();
    await expect.poll(() => page.getByText('Why the bot handed over').isVisible()).toBe(true);
    expect(await onScreen(page, '.ib-context')).toBe(true);
    expect(await sideways(page)).toBe(0);
    await screenshot(page, 'inbox-phone-details');
    await page.getByRole('button', { name: 'Back to the chat' }).click();
    await expect.poll(() => page.getByText('Why the bot handed over').isVisible()).toBe(false);

    // Back to the list.
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await expect.poll(() => page.locator('.ib-row').first().isVisible(), { timeout: 10_000 }).toBe(true);
    expect(errors).toEqual([]);
  });
});
