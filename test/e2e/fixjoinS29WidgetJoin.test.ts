/**
 * Session 29 (fixjoin, newcomer s28 N6: the customer half), headless Chromium on a real runtime with the Northwind flow
 * assigning automatically: the customer asks for a person in the widget, the hub gives the chat to Ann, and the widget
 * says "Ann Lee from Northwind Goods will be with you shortly." with the header "Ann Lee will be with you shortly"
 * (before: "... has joined the chat" and "You are chatting with Ann Lee" while Ann had not opened it). Ann opens the
 * chat from her inbox's notice: the widget then said "Ann Lee from Northwind Goods has joined the chat." once and
 * "You are chatting with Ann Lee". Session 46 (ui10, newcomer s45 N4): opening says nothing to the customer; her first
 * message does. Screenshots: test/e2e/screenshots/fixjoin29-*.png.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../runtime/agents/agentDirectory';
import type { Flow } from '../../shared/flow/schema';
import { launchChromium } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { callJson, startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery staple';
const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', passwordHash: hashPassword(PASSWORD), token: 'ann-token-0123456789abcdef', teams: ['support'], skills: [], languages: ['en'], maxChats: 5, admin: false };

function autoAssign(): Flow {
  const f = supportFlowOpenQueue();
  return { ...f, blocks: f.blocks.map((b) => (b.id === 'human_agent' ? ({ ...b, data: { ...b.data, assignation: 'custom', askEmail: false, autoAssign: { enabled: true, strategy: 'least_busy', maxChatsPerAgent: 5 } } } as typeof b) : b)) };
}

describe.skipIf(!haveChromium)('fixjoin s29: "joined" when the agent opens the auto-assigned chat', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;
  let inbox: Page;
  let customer: Page;
  const errors: string[] = [];
  const widget = (): FrameLocator => customer.frameLocator('iframe[title]');

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [autoAssign()], agentsFile: { agents: [ann] }, prefix: 'baton-fixjoin29-e2e-' });
    browser = await launchChromium();
    inbox = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    customer = await (await browser.newContext({ viewport: { width: 1000, height: 820 } })).newPage();
    for (const p of [inbox, customer]) p.on('pageerror', (e) => errors.push(String(e)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  it('"will be with you shortly" until Ann writes (opening says nothing, session 46), then "has joined" once', async () => {
    const url = run.rt.url;
    await inbox.goto(`${url}/inbox`);
    await inbox.getByLabel('Email or agent id').fill('ann@example.com');
    await inbox.getByLabel('Password').fill(PASSWORD);
    await inbox.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => (await inbox.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);

    await customer.goto(`${url}/chat/customer-support`);
    const w = widget();
    await w.getByText('What can I help you with?').waitFor({ timeout: 15_000 });
    await w.getByLabel('Your message').fill('I want to talk to a human');
    await w.getByLabel('Your message').press('Enter');
    // It failed once in a fresh-clone CI (session 29) and never here: on a timeout, say what the server and the widget
    // had (the handoff's status and owner, Ann's presence, the widget's lines) instead of only "not seen".
    await w.getByText('Ann Lee from Northwind Goods will be with you shortly.').waitFor({ timeout: 20_000 }).catch(async (e) => {
      const handoffs = (await callJson(`${url}/api/v1/agent/handoffs?view=all`, 'GET', undefined, ann.token).catch((x) => ({ body: String(x) }))).body;
      const agents = (await callJson(`${url}/api/v1/agent/agents`, 'GET', undefined, ann.token).catch((x) => ({ body: String(x) }))).body;
      const lines = await w.locator('body').innerText().catch((x) => String(x));
      throw new Error(`${String(e)}\nhandoffs: ${JSON.stringify(handoffs).slice(0, 1500)}\nagents: ${JSON.stringify(agents).slice(0, 600)}\nwidget: ${lines.slice(-1500)}`);
    });
    await w.getByText('Ann Lee will be with you shortly', { exact: true }).waitFor();
    await w.getByText(/Waiting for Ann Lee to join/).waitFor();
    expect(await w.getByText(/has joined/).count()).toBe(0);
    expect(await w.getByText(/You are chatting with/).count()).toBe(0);
    expect(await w.getByText('A person is in the conversation.').count()).toBe(0);
    await screenshot(customer, 'fixjoin29-widget-before-open');

    // Still nothing after a few seconds of her not opening it.
    await customer.waitForTimeout(3000);
    expect(await w.getByText(/has joined/).count()).toBe(0);

    const open = inbox.locator('.ib-flash').getByRole('button', { name: 'Open it' });
    await open.waitFor({ timeout: 20_000 });
    await open.click();
    await inbox.getByLabel('Reply to the customer').waitFor({ timeout: 10_000 });

    // Session 46 (ui10, newcomer s45 N4): opening it tells the customer nothing (she may only be reading it, and may
    // decline); her first message says she joined, once, before her words.
    await customer.waitForTimeout(2000);
    expect(await w.getByText(/has joined/).count()).toBe(0);
    await w.getByText(/Waiting for Ann Lee to join/).waitFor();
    await screenshot(customer, 'fixjoin29-widget-after-open');
    await screenshot(inbox, 'fixjoin29-inbox-opened');

    await inbox.getByLabel('Reply to the customer').fill('Hi, Ann here. How can I help?');
    await inbox.getByLabel('Reply to the customer').press('Enter');
    await w.getByText('Hi, Ann here. How can I help?').waitFor({ timeout: 15_000 });
    await w.getByText('Ann Lee from Northwind Goods has joined the chat.').waitFor({ timeout: 15_000 });
    await w.getByText('You are chatting with Ann Lee').waitFor();
    expect(await w.getByText(/to join/).count()).toBe(0);
    expect(await w.getByText(/has joined/).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
