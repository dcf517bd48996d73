/**
 * The inbox's "Live" view in headless Chromium on a real runtime (startRuntime on 127.0.0.1 with an agent):
 * three customers talk to the bot over the API; the agent sees them in Live (newest activity first, last message,
 * current block, turns), takes one over, lands in "Mine" with the conversation open and replies; the customer
 * gets the reply. Screenshots: test/e2e/screenshots/inbox-live{,-taken}.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import type { RunningRuntime } from '../../runtime/serve/startRuntime';
import { launchChromium, newWatchedPage } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { startRuntimeWithAgents, supportFlow, type RuntimeWithAgents } from '../support/runtimeHarness';
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
  admin: false,
} as Agent;

describe.skipIf(!haveChromium)('inbox Live view end to end', () => {
  let run: RuntimeWithAgents;
  let rt: RunningRuntime;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlow()], agents: [ann], prefix: 'baton-live-e2e-' });
    rt = run.rt;
    browser = await launchChromium();
    page = await newWatchedPage(browser, { width: 1440, height: 900 }, { errors });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  const api = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(rt.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('lists live bot conversations, takes one over, replies from Mine', async () => {
    const chats: Array<{ id: string; token: string }> = [];
    for (const text of ['Where is my parcel NW-1042?', HOSTILE, null]) {
      const c = await api('/api/v1/flows/customer-support/conversations', {});
      expect(c.status).toBe(201);
      chats.push({ id: c.body.conversationId, token: c.body.token });
      if (text) expect((await api(`/api/v1/conversations/${c.body.conversationId}/messages`, { text }, c.body.token)).status).toBe(200);
    }

    await page.goto(`${rt.url}/inbox`);
    await page.getByLabel('Email or agent id').fill('ann@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Inbox views' });
    await nav.getByRole('button', { name: /Live/ }).click();
    const list = page.getByRole('list', { name: 'Live bot conversations' });
    await list.getByRole('listitem').nth(2).waitFor({ timeout: 10_000 });
    expect(await list.getByRole('listitem').count()).toBe(3);
    // Conversations where the customer wrote first, newest activity first; the one nobody wrote in yet (started
    // last) comes after them (newcomer s6 #15: empty opened-and-left chats buried the real ones).
    await expect.poll(() => list.getByRole('listitem').first().getAttribute('aria-label')).toBe(`Live conversation ${chats[1].id}`);
    expect(await list.getByRole('listitem').last().getAttribute('aria-label')).toBe(`Live conversation ${chats[2].id}`);
    expect(await list.getByRole('listitem').first().locator('strong').first().innerText()).toMatch(/^Visitor [A-Za-z0-9]{6}$/);
    // The hostile customer's row: the preview is the bot's answer to it (the last message), no img element anywhere.
    expect(await page.locator('img').count()).toBe(0);
    await screenshot(page, 'inbox-live');

    // Take over the first customer's chat: Mine, conversation open, reply reaches the customer.
    await list.getByRole('button', { name: `Take over conversation ${chats[0].id}` }).click();
    await page.getByRole('heading', { name: 'Mine' }).waitFor();
    await page.getByText(/from the team joined the conversation/).first().waitFor({ timeout: 10_000 });
    const reply = page.getByLabel('Reply to the customer');
    await reply.fill('Hi, Ann here. Let me check NW-1042.');
    await reply.press('Enter');
    await page.getByText('Hi, Ann here. Let me check NW-1042.', { exact: true }).waitFor();
    await screenshot(page, 'inbox-live-taken');
    const log = await fetch(`${rt.url}/api/v1/conversations/${chats[0].id}`, { headers: { authorization: `Bearer ${chats[0].token}` } }).then((r) => r.json() as Promise<any>);
    expect(log.messages.some((m: any) => m.from === 'agent' && m.text === 'Hi, Ann here. Let me check NW-1042.')).toBe(true);

    // Live now shows the other two only.
    await nav.getByRole('button', { name: /Live/ }).click();
    await expect.poll(() => list.getByRole('listitem').count(), { timeout: 10_000 }).toBe(2);
    expect(errors).toEqual([]);
  }, 120_000);
});
