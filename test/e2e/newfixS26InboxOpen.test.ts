/**
 * Session 26 (newfix), newcomer s26 F12 (the inbox half) in headless Chromium on a real runtime: a chat auto-assigned to
 * Ann while she looks at Unassigned ("No one is waiting") is announced by a notice with an "Open it" button that opens
 * the chat in Mine (before: a toast that could not be clicked). Screenshots: test/e2e/screenshots/newfix26-inbox-*.png.
 */
import type { Browser, Page } from 'playwright-core';
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
  return { ...f, blocks: f.blocks.map((b) => (b.id === 'human_agent' ? ({ ...b, data: { ...b.data, assignation: 'custom', autoAssign: { enabled: true, strategy: 'least_busy', maxChatsPerAgent: 5 } } } as typeof b) : b)) };
}

describe.skipIf(!haveChromium)('newfix s26: the notice of an auto-assigned chat opens it', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;
  let inbox: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [autoAssign()], agentsFile: { agents: [ann] }, prefix: 'baton-newfix26-e2e-' });
    browser = await launchChromium();
    inbox = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    inbox.on('pageerror', (e) => errors.push(String(e)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  it('"Open it" opens the chat in Mine', async () => {
    const url = run.rt.url;
    await inbox.goto(`${url}/inbox`);
    await inbox.getByLabel('Email or agent id').fill('ann@example.com');
    await inbox.getByLabel('Password').fill(PASSWORD);
    await inbox.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => (await inbox.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);
    await inbox.getByText(/No one is waiting/).waitFor();

    const c = (await callJson(`${url}/api/v1/flows/customer-support/conversations`, 'POST', { variables: { customerName: 'Kim' } })).body;
    let r = await callJson(`${url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: 'I want to talk to a human right now' }, c.token);
    for (let i = 0; i < 3 && r.body.mode === 'bot'; i++) r = await callJson(`${url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: i === 0 ? 'kim@example.com' : 'Kim' }, c.token);

    const open = inbox.locator('.ib-flash').getByRole('button', { name: 'Open it' });
    await open.waitFor({ timeout: 20_000 });
    await screenshot(inbox, 'newfix26-inbox-notice');
    // Session 28 (fixjoin, newcomer s28 N6): the list has moved to Mine, and the notice is still there after 6 s.
    expect(await inbox.locator('button.ib-view[title="Mine"]').getAttribute('aria-current')).toBe('page');
    await inbox.waitForTimeout(6000);
    expect(await open.isVisible()).toBe(true);
    // Not faded out by the confirmations' 5 s CSS animation either (it hid the notice the code kept).
    expect(await inbox.locator('.ib-flash').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await screenshot(inbox, 'fixjoin28-inbox-notice-after-6s');
    await open.click();
    await inbox.getByLabel('Reply to the customer').waitFor({ timeout: 10_000 });
    expect(await inbox.locator('button.ib-view[title="Mine"]').getAttribute('aria-current')).toBe('page');
    await inbox.locator('.ib-msg', { hasText: 'I want to talk to a human right now' }).first().waitFor();
    await screenshot(inbox, 'newfix26-inbox-opened');
    expect(errors).toEqual([]);
  });
});
