/**
 * Session 6 inbox and widget fixes, end to end on a real runtime (helper uxfix):
 *  - a ticket number stays on one line in a phone-width widget and on the inbox's Tickets screen;
 *  - a chat the customer left while waiting (cancelled) does not say "The customer is waiting" in the inbox.
 * Screenshots: test/e2e/screenshots/uxfix6-widget-ticket.png, uxfix6-inbox-cancelled.png, uxfix6-inbox-tickets.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../runtime/agents/agentDirectory';
import type { RunningRuntime } from '../../runtime/serve/startRuntime';
import { launchChromium, newWatchedPage } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PW = 'ada password 123';

describe.skipIf(!haveChromium)('session 6 inbox and widget fixes', () => {
  let run: RuntimeWithAgents;
  let rt: RunningRuntime;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({
      flows: [supportFlowOpenQueue()],
      prefix: 'baton-uxfix6-e2e-',
      agentsFile: { agents: [{ id: 'ada', name: 'Ada Admin', email: 'ada@example.com', passwordHash: hashPassword(PW), teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: true }] },
    });
    rt = run.rt;
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(rt.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    expect(res.status, path).toBeLessThan(300);
    return (await res.json()) as { conversationId: string; token: string };
  };

  it('a ticket number stays whole in a phone-width widget and on the Tickets screen; a cancelled chat is not "waiting"', async () => {
    // A customer on a phone gets a returns ticket through the widget.
    const phone = await newWatchedPage(browser, { width: 360, height: 700 }, { errors });
    await phone.goto(`${rt.url}/chat/customer-support`);
    // Below 761 px the demo page's widget starts closed (session 40): the customer opens it.
    await phone.getByRole('button', { name: /^Open the chat/ }).click();
    const w = phone.frameLocator('iframe[title]');
    await w.getByRole('button', { name: 'Returns' }).click({ timeout: 20_000 });
    await w.getByText(/Which order is the return for/).waitFor();
    await w.getByLabel('Your message').fill('NW-104233');
    await w.getByLabel('Your message').press('Enter');
    await w.getByRole('button', { name: 'Another reason' }).click({ timeout: 15_000 });
    await w.getByText(/email/i).last().waitFor();
    await w.getByLabel('Your message').fill('zoe@example.com');
    await w.getByLabel('Your message').press('Enter');
    await phone.waitForTimeout(800);
    await w.getByLabel('Your message').fill('The parcel came in a different colour than the one I ordered');
    await w.getByLabel('Your message').press('Enter');
    const number = w.locator('.bw-bubble .bt-nowrap').first();
    await number.waitFor({ timeout: 15_000 });
    const ticket = (await number.textContent())!;
    expect(ticket).toMatch(/^T-[0-9A-Z]{8}$/);
    const shown = await w.locator('.bw-bubble .bt-nowrap').evaluateAll((els) => els.map((e) => new Set([...e.getClientRects()].map((r) => Math.round(r.top))).size));
    expect(shown.every((n) => n === 1), `ticket numbers on one line each: ${shown}`).toBe(true);
    await screenshot(phone, 'uxfix6-widget-ticket');

    // Ada (signed in on a small laptop screen) opens Closed: the cancelled chat's summary is told in the past.
    const ada = await newWatchedPage(browser, { width: 1024, height: 700 }, { errors });
    await ada.goto(`${rt.url}/inbox`);
    await ada.getByLabel('Email or agent id').fill('ada@example.com');
    await ada.getByLabel('Password').fill(PW);
    await ada.getByRole('button', { name: 'Sign in' }).click();
    await ada.getByRole('navigation', { name: 'Inbox views' }).waitFor();
    await expect.poll(async () => (await ada.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);
    // With Ada online, another customer asks for a person, then leaves before anyone takes the chat: cancelled.
    const c = await post('/api/v1/flows/customer-support/conversations', {});
    await post(`/api/v1/conversations/${c.conversationId}/messages`, { text: 'I want to talk to a person please' }, c.token);
    await post(`/api/v1/conversations/${c.conversationId}/leave`, {}, c.token);

    // At this width the views are an icon rail: the labels stay their names.
    await ada.getByRole('button', { name: /^Closed/ }).click();
    await ada.getByRole('button', { name: /Asked for a person/ }).first().click();
    const context = ada.getByRole('complementary', { name: 'Context' });
    await context.locator('.ib-summary').waitFor();
    const summary = (await context.locator('.ib-summary').textContent())!;
    expect(summary).toMatch(/left before anyone took the chat \(cancelled\)/);
    expect(summary).not.toMatch(/is waiting/);
    await screenshot(ada, 'uxfix6-inbox-cancelled');

    // The Tickets screen: the number on one line in the list and in the heading.
    await ada.getByRole('button', { name: /^Tickets/ }).click();
    const row = ada.getByRole('list', { name: 'Tickets' }).getByRole('button').filter({ hasText: ticket });
    await row.click();
    await ada.getByRole('heading', { name: `Ticket ${ticket}` }).waitFor();
    const inList = await ada.locator('.ia-ticket-no .bt-nowrap, .ia-ticket-head .bt-nowrap, .ia-t-text .bt-nowrap').evaluateAll((els) => els.map((e) => new Set([...e.getClientRects()].map((r) => Math.round(r.top))).size));
    expect(inList.length).toBeGreaterThanOrEqual(2);
    expect(inList.every((n) => n === 1), `ticket numbers on one line each: ${inList}`).toBe(true);
    await screenshot(ada, 'uxfix6-inbox-tickets');
    expect(errors, 'uncaught errors in the pages').toEqual([]);
  });
});
