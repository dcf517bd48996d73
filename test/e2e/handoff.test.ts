/**
 * End to end in headless Chromium, two pages on one real runtime (`startRuntime` on 127.0.0.1 with agents):
 * a customer on the widget demo page asks for a person; the agent in the inbox sees the pending handoff with
 * the reason and the full transcript (bot turns marked), accepts, replies; the customer sees the reply with the
 * agent's name; the agent hands back; the bot continues with CSAT. Hostile customer text is shown inert in both.
 * The customer reloads the page mid-chat and keeps the conversation. Screenshots: test/e2e/screenshots/handoff-*.png.
 */
import { createServer } from 'node:http';
import type { Browser, Page, FrameLocator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import type { RunningRuntime } from '../../runtime/serve/startRuntime';
import { launchChromium, newWatchedPage } from '../support/browserHarness';
import { whileTyping } from '../support/keepTyping';
import { requireProgram } from '../support/requireProgram';
import { startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery staple';
const HOSTILE = '<img src=x onerror="window.__pwned=1"> {{constructor}}';

const ann: Agent = {
  id: 'ann',
  name: 'Ann Lee',
  email: 'ann@example.com',
  passwordHash: hashPassword(PASSWORD),
  teams: ['support'],
  skills: [],
  languages: ['en'],
  maxChats: 3,
  admin: true,
} as Agent;

describe.skipIf(!haveChromium)('live handoff end to end (widget + inbox)', () => {
  let run: RuntimeWithAgents;
  let rt: RunningRuntime;
  let browser: Browser;
  let customer: Page;
  let agent: Page;
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  const failedLoads: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlowOpenQueue()], agents: [ann], prefix: 'baton-handoff-e2e-' });
    rt = run.rt;
    browser = await launchChromium();
    // CSP violations and failed loads are console errors: the pages must run clean under their own CSP.
    const watch = { errors, consoleErrors, failedLoads };
    customer = await newWatchedPage(browser, { width: 1280, height: 820 }, watch);
    agent = await newWatchedPage(browser, { width: 1440, height: 900 }, watch);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  const widget = (): FrameLocator => customer.frameLocator('iframe[title]');

  it('customer asks for a person, agent accepts and replies, hands back, bot asks for CSAT', async () => {
    // The agent signs in first (online), so the handoff has someone to wait for.
    await agent.goto(`${rt.url}/inbox`);
    await agent.getByLabel('Email or agent id').fill('ann@example.com');
    await agent.getByLabel('Password').fill('wrong password');
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => agent.getByRole('alert').textContent()).toBeTruthy();
    await agent.getByLabel('Password').fill(PASSWORD);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('button', { name: /Unassigned/ }).waitFor();
    await expect.poll(async () => (await agent.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);

    // The customer opens the demo page: the widget greets with the bot's buttons.
    await customer.goto(`${rt.url}/chat/customer-support`);
    const w = widget();
    await w.getByText('What can I help you with?').waitFor({ timeout: 15_000 });
    await w.getByRole('button', { name: 'Track my order' }).waitFor();

    await w.getByLabel('Your message').fill('I want to talk to a person please');
    await w.getByLabel('Your message').press('Enter');
    await w.getByText(/connecting you with someone/i).waitFor({ timeout: 15_000 });
    await w.getByText(/Waiting for a person to join/).first().waitFor();

    // Hostile text while waiting: it must stay text.
    await w.getByLabel('Your message').fill(HOSTILE);
    await w.getByRole('button', { name: 'Send' }).click();
    await w.getByText(HOSTILE).waitFor();

    // The page reloads: same conversation (localStorage), history caught up.
    await customer.reload();
    await widget().getByText(HOSTILE).waitFor({ timeout: 15_000 });
    await widget().getByText(/connecting you with someone/i).waitFor();
    await screenshot(customer, 'handoff-widget-waiting');

    // The agent sees the pending handoff with its reason, opens it: full transcript, bot turns marked.
    const row = agent.getByRole('button', { name: /Asked for a person/ });
    await row.waitFor({ timeout: 15_000 });
    await expect.poll(() => agent.getByLabel('1 unassigned').count()).toBe(1);
    await row.click();
    const log = agent.getByRole('list', { name: 'Messages' });
    await log.getByText('I want to talk to a person please').waitFor();
    await log.getByText(HOSTILE).waitFor();
    await log.getByText(/What can I help you with/).waitFor();
    expect(await log.locator('.ib-bot-chip').count()).toBeGreaterThan(1);
    const context = agent.getByRole('complementary', { name: 'Context' });
    expect(await context.locator('.ib-reason').textContent()).toBe('Asked for a person');
    await context.getByText(/The customer asked for a person/).waitFor();
    await screenshot(agent, 'handoff-inbox-pending');

    await agent.getByRole('button', { name: 'Accept' }).click();
    await agent.getByRole('button', { name: 'Hand back to bot' }).waitFor();
    await agent.getByLabel('Reply to the customer').fill('Hi, I am Ann. I can help with that right away.');
    await agent.getByLabel('Reply to the customer').press('Enter');
    await log.getByText('Hi, I am Ann. I can help with that right away.').waitFor();

    // The customer sees the reply with the agent's name.
    await widget().getByText('Hi, I am Ann. I can help with that right away.').waitFor({ timeout: 15_000 });
    expect(await widget().locator('.bw-agent .bw-name').last().textContent()).toBe('Ann Lee');
    await widget().getByText('You are chatting with Ann Lee').waitFor();

    // The customer answers; the agent sees it live: "The customer is typing…" while the customer types (they keep
    // typing until it shows: one keystroke's signal lasts 4 s, too short a bet on a busy CI machine; test/support/keepTyping.ts).
    await whileTyping(widget().getByLabel('Your message'), 'Thanks Ann, that is all I needed', agent.getByText('The customer is typing…'));
    await widget().getByLabel('Your message').fill('Thanks Ann, that is all I needed');
    await widget().getByLabel('Your message').press('Enter');
    await log.getByText('Thanks Ann, that is all I needed').waitFor({ timeout: 15_000 });
    await screenshot(customer, 'handoff-widget-agent');
    await screenshot(agent, 'handoff-inbox-chat');

    // The agent types: the customer sees "Ann Lee is typing…", pushed on the widget's own stream (no poll: the
    // widget makes no request for it), and it goes away when her message arrives.
    const widgetCalls: string[] = [];
    const onRequest = (r: { url(): string }) => widgetCalls.push(new URL(r.url()).pathname);
    customer.on('request', onRequest);
    await whileTyping(agent.getByLabel('Reply to the customer'), 'Let me check one more', widget().getByText('Ann Lee is typing…'));
    await screenshot(customer, 'handoff-widget-agent-typing');
    await new Promise((r) => setTimeout(r, 2500)); // longer than the old 2-second poll
    customer.off('request', onRequest);
    expect(widgetCalls.filter((p) => p.startsWith('/api/'))).toEqual([]);
    await agent.getByLabel('Reply to the customer').fill('One moment, checking the warehouse.');
    await agent.getByLabel('Reply to the customer').press('Enter');
    await widget().getByText('One moment, checking the warehouse.').waitFor({ timeout: 15_000 });
    expect(await widget().getByText('Ann Lee is typing…').count()).toBe(0);
    // '/' searches the canned replies; Enter puts the chosen one in the draft.
    await agent.getByLabel('Reply to the customer').fill('/ord');
    const suggestions = agent.getByRole('listbox', { name: 'Canned replies' });
    await suggestions.getByRole('option', { name: /order number/ }).waitFor();
    await screenshot(agent, 'handoff-inbox-canned-slash');
    await agent.getByLabel('Reply to the customer').press('Enter');
    expect(await agent.getByLabel('Reply to the customer').inputValue()).toBe('Could you give me your order number, please?');
    await agent.getByLabel('Reply to the customer').fill('');

    // Hand back: the bot continues with CSAT.
    await agent.getByRole('button', { name: 'Hand back to bot' }).click();
    await widget().getByText(/how would you rate this chat/i).waitFor({ timeout: 15_000 });
    await screenshot(customer, 'handoff-widget-csat');

    // Nothing hostile ran, in either page.
    for (const p of [customer, agent]) expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await agent.locator('img[src="x"]').count()).toBe(0);
    expect(await widget().locator('img[src="x"]').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    // Only the deliberately wrong password failed.
    expect(failedLoads).toEqual(['401 /api/v1/agent/session']);
  }, 180_000);

  it('works from one script tag on a page of another origin', async () => {
    // Any site: a plain page on another port (another origin) with only the script tag.
    const site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Shop</title><h1>Some shop</h1><script src="${rt.url}/widget.js" data-flow="customer-support" data-title="Help"></script>`);
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    const port = (site.address() as { port: number }).port;
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      // A page view with the chat closed starts no conversation; opening it does.
      const session = (await (await fetch(`${rt.url}/api/v1/agent/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'ann', password: PASSWORD }) })).json()) as { token: string };
      const liveTotal = async () => ((await (await fetch(`${rt.url}/api/v1/agent/conversations?mode=bot`, { headers: { authorization: `Bearer ${session.token}` } })).json()) as { total: number }).total;
      const before = await liveTotal();
      await page.goto(`http://localhost:${port}/`);
      await page.frameLocator('iframe[title="Help"]').getByLabel('Your message').waitFor({ state: 'attached', timeout: 15_000 });
      await new Promise((r) => setTimeout(r, 1000));
      expect(await liveTotal()).toBe(before);
      await page.getByRole('button', { name: 'Open the chat: Help' }).click();
      const frame = page.frameLocator('iframe[title="Help"]');
      await frame.getByText('What can I help you with?').waitFor({ timeout: 15_000 });
      expect(await liveTotal()).toBe(before + 1);
      await frame.getByRole('button', { name: 'Shipping' }).click();
      await frame.getByText(/UK standard delivery/).waitFor({ timeout: 15_000 });
      // The close button inside the frame closes the panel on the host page; so does Escape.
      // Session 40: a fresh clone's CI under load once waited 30 s for this button inside the cross-origin (out-of-process)
      // frame to count as "stable" (Playwright checks it over animation frames, which that frame's renderer can starve
      // under load). Retry short clicks; the keyboard (Enter on the focused button) is the last resort. Either way the
      // next line proves the host page's panel closed: its button is "Open the chat" again.
      const closeButton = frame.getByRole('button', { name: 'Close the chat' });
      let closed = false;
      for (let i = 0; i < 3 && !closed; i++) closed = await closeButton.click({ timeout: 5_000 }).then(() => true, () => false);
      if (!closed) await closeButton.press('Enter');
      await page.getByRole('button', { name: 'Open the chat: Help' }).click();
      await frame.getByLabel('Your message').press('Escape');
      await page.getByRole('button', { name: 'Open the chat: Help' }).waitFor();
      expect(await page.locator('iframe[title="Help"]').isVisible()).toBe(false);
      expect(pageErrors).toEqual([]);
    } finally {
      await ctx.close();
      site.close();
    }
  }, 60_000);

  it('serves the loader, refuses unknown flows and unknown assets clearly', async () => {
    const js = await fetch(`${rt.url}/widget.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toContain('data-flow');
    const missing = await fetch(`${rt.url}/chat/no-such-flow`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('customer-support');
    const asset = await fetch(`${rt.url}/assets/..%2f..%2fpackage.json`);
    expect(asset.status).toBe(404);
  });

  it('dark theme from prefers-color-scheme in the inbox and the widget; bidi overrides shown as markers', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    const pageErrors: string[] = [];
    try {
      const cust = await ctx.newPage();
      cust.on('pageerror', (e) => pageErrors.push(e.message));
      await cust.goto(`${rt.url}/chat/customer-support?fresh=1`);
      const w = cust.frameLocator('iframe[title]');
      await w.getByText('What can I help you with?').waitFor({ timeout: 15_000 });
      // A fresh conversation in this context (its own localStorage), asking for a person with a bidi trick.
      await w.getByLabel('Your message').fill('I want to talk to a person please');
      await w.getByLabel('Your message').press('Enter');
      await w.getByText(/Waiting for a person to join/).first().waitFor({ timeout: 15_000 });
      await w.getByLabel('Your message').fill('see invoice\u202Efdp.exe');
      await w.getByLabel('Your message').press('Enter');
      await w.getByText('see invoice[U+202E]fdp.exe').waitFor({ timeout: 15_000 });
      expect(await cust.frameLocator('iframe[title]').locator('html').getAttribute('data-theme')).toBe('dark');
      await screenshot(cust, 'handoff-widget-dark');

      const ag = await ctx.newPage();
      ag.on('pageerror', (e) => pageErrors.push(e.message));
      await ag.goto(`${rt.url}/inbox`);
      await ag.getByLabel('Email or agent id').fill('ann@example.com');
      await ag.getByLabel('Password').fill(PASSWORD);
      await ag.getByRole('button', { name: 'Sign in' }).click();
      await ag.getByRole('button', { name: /Asked for a person/ }).first().click();
      const log = ag.getByRole('list', { name: 'Messages' });
      await log.getByText('see invoice[U+202E]fdp.exe').waitFor({ timeout: 15_000 });
      expect(await ag.locator('html').getAttribute('data-theme')).toBe('dark');
      // The page background is dark (the tokens switched), not the light default.
      const bg = await ag.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe('rgb(15, 18, 23)');
      await ag.getByRole('button', { name: 'Accept' }).click();
      await ag.getByRole('button', { name: 'Hand back to bot' }).waitFor();
      await ag.getByLabel('Reply to the customer').fill('Hello from the dark side');
      await ag.getByLabel('Reply to the customer').press('Enter');
      await w.getByText('Hello from the dark side').waitFor({ timeout: 15_000 });
      await screenshot(ag, 'handoff-inbox-dark');
      // Laptop width: the views become an icon rail with count badges; the presence switch stays reachable.
      await ag.setViewportSize({ width: 1024, height: 700 });
      expect(await ag.getByLabel('Your status').isVisible()).toBe(true);
      expect(await ag.getByRole('button', { name: /unassigned/i }).first().locator('svg').isVisible()).toBe(true);
      await screenshot(ag, 'handoff-inbox-1024-dark');
      await screenshot(cust, 'handoff-widget-dark-agent');
      await ag.getByRole('button', { name: 'Resolve' }).click();
      expect(pageErrors).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 120_000);
});
