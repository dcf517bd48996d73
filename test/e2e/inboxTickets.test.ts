/**
 * Working tickets in the inbox, end to end in headless Chromium on a real runtime (agents FILE, like `baton serve
 * --agents FILE`): two customers get tickets from the customer-support flow (returns, "other reason"); Ada (admin)
 * and Ann (team support) have the Tickets screen open in two browser contexts. Ada assigns a ticket to Ann and marks
 * it done: Ann's screen follows without a reload (push). Ann reopens it and takes the other one. The runtime is
 * RESTARTED on the same data folder: everything is still there. Cal (sales) may not serve the flow: he is not offered
 * as an assignee. Screenshots: test/e2e/screenshots/inbox-tickets-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../runtime/agents/agentDirectory';
import type { RunningRuntime } from '../../runtime/serve/startRuntime';
import type { Flow } from '../../shared/flow/schema';
import { launchChromium, newWatchedPage } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PW = { ada: 'ada password 123', ann: 'ann password 123', cal: 'cal password 789' };

/** The support flow with its Human Takeover block limited to team "support" (Cal, sales, may not serve it). */
function supportTeamFlow(): Flow {
  const flow = supportFlowOpenQueue();
  return { ...flow, blocks: flow.blocks.map((b) => (b.id === 'human_agent' ? ({ ...b, data: { ...b.data, teams: ['support'] } } as typeof b) : b)) };
}

describe.skipIf(!haveChromium)('working tickets in the inbox, end to end', () => {
  let run: RuntimeWithAgents;
  let rt: RunningRuntime;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    const agent = (id: string, name: string, teams: string[], admin = false) => ({ id, name, email: `${id}@example.com`, passwordHash: hashPassword(PW[id as keyof typeof PW]), teams, skills: [], languages: ['en'], maxChats: 3, admin });
    run = await startRuntimeWithAgents({
      flows: [supportTeamFlow()],
      prefix: 'baton-tickets-e2e-',
      agentsFile: { agents: [agent('ada', 'Ada Admin', ['support'], true), agent('ann', 'Ann Lee', ['support']), agent('cal', 'Cal Diaz', ['sales'])] },
    });
    rt = run.rt;
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  /** A customer who gets a returns ticket (returns -> order -> "other reason" -> email -> issue); returns its number. */
  const customerTicket = async (email: string, issue: string): Promise<string> => {
    const call = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(rt.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      expect(res.status, path).toBeLessThan(300);
      return (await res.json()) as { conversationId: string; token: string; messages: Array<{ text: string }> };
    };
    const c = await call('/api/v1/flows/customer-support/conversations', {});
    const say = (body: unknown) => call(`/api/v1/conversations/${c.conversationId}/messages`, body, c.token);
    await say({ choice: 'returns' });
    await say({ text: 'NW-104233' });
    await say({ choice: 'other_reason' });
    await say({ text: email });
    const told = (await say({ text: issue })).messages.map((m) => m.text).join(' ');
    const n = /ticket (T-[0-9A-Z]{8})\b/.exec(told)?.[1];
    expect(n, `the customer is told a ticket number: ${told}`).toBeTruthy();
    return n!;
  };

  const openTickets = async (page: Page, login: string, password: string) => {
    await page.goto(`${rt.url}/inbox`);
    await page.getByLabel('Email or agent id').fill(login);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Inbox views' }).waitFor();
    await page.getByRole('button', { name: /^Tickets/ }).click();
    return page.getByRole('list', { name: 'Tickets' });
  };
  const row = (page: Page, number: string) => page.getByRole('list', { name: 'Tickets' }).getByRole('button').filter({ hasText: number });

  it('assign, mark done, reopen, take: stored, pushed to the other agent, kept across a restart', async () => {
    const first = await customerTicket('zoe@example.com', 'The parcel came with a different colour than the one I ordered');
    const second = await customerTicket('max@example.com', 'I need an invoice with my company address for the order');

    const ada = await newWatchedPage(browser, { width: 1440, height: 900 }, { errors });
    const ann = await newWatchedPage(browser, { width: 1440, height: 900 }, { errors });
    await (await openTickets(ada, 'ada@example.com', PW.ada)).getByText('zoe@example.com').waitFor();
    await (await openTickets(ann, 'ann@example.com', PW.ann)).getByText('zoe@example.com').waitFor();
    expect(await ada.getByRole('tab', { name: /Open/ }).getAttribute('aria-selected')).toBe('true');
    expect(await row(ada, first).textContent()).toContain('Unassigned');
    await screenshot(ada, 'inbox-tickets-open');

    // Ada opens the first ticket: Cal (sales) is not offered; she gives it to Ann, then marks it done.
    await row(ada, first).click();
    const work = ada.getByRole('group', { name: 'Work on this ticket' });
    await work.waitFor();
    const assign = work.getByLabel('Assigned to');
    expect(await assign.locator('option').allTextContents()).toEqual(['Nobody', 'Ada Admin (you)', 'Ann Lee']);
    await assign.selectOption('ann');
    await expect.poll(() => row(ada, first).textContent()).toContain('Ann Lee');
    // Ann's list follows without a reload.
    await expect.poll(() => row(ann, first).textContent(), { timeout: 10_000 }).toContain('You');
    await work.getByRole('button', { name: 'Mark done' }).click();
    await work.getByRole('status').filter({ hasText: 'Done · by Ada Admin' }).waitFor();
    await screenshot(ada, 'inbox-tickets-done');
    // On Ann's screen it leaves the open list, and is under "Done" as hers.
    await expect.poll(() => row(ann, first).count(), { timeout: 10_000 }).toBe(0);
    await ann.getByRole('tab', { name: /Done/ }).click();
    await row(ann, first).waitFor();
    expect(await row(ann, first).textContent()).toMatch(/Done.*You/);
    await row(ann, first).click();
    const annWork = ann.getByRole('group', { name: 'Work on this ticket' });
    await annWork.getByRole('status').filter({ hasText: 'Done · by Ada Admin' }).waitFor();
    await screenshot(ann, 'inbox-tickets-done-other-agent');

    // Ann reopens it; she takes the second one from "Open".
    await annWork.getByRole('button', { name: 'Reopen' }).click();
    await annWork.getByRole('status').filter({ hasText: /Open · last change by Ann Lee/ }).waitFor();
    await ann.getByRole('tab', { name: /Open/ }).click();
    await row(ann, second).click();
    await ann.getByRole('group', { name: 'Work on this ticket' }).getByRole('button', { name: 'Assign to me' }).click();
    await expect.poll(() => row(ann, second).textContent()).toContain('You');
    await ann.getByRole('tab', { name: /Mine/ }).click();
    await expect.poll(() => ann.getByRole('list', { name: 'Tickets' }).getByRole('button').count()).toBe(2);
    await screenshot(ann, 'inbox-tickets-mine');

    // Restart on the same data folder: the work is stored.
    await rt.close();
    rt = await run.start();
    const again = await newWatchedPage(browser, { width: 1440, height: 900 }, { errors });
    await (await openTickets(again, 'ada@example.com', PW.ada)).getByText('zoe@example.com').waitFor();
    expect(await row(again, first).textContent()).toMatch(/Open.*Ann Lee/);
    expect(await row(again, second).textContent()).toMatch(/Open.*Ann Lee/);
    await row(again, first).click();
    await again.getByRole('group', { name: 'Work on this ticket' }).getByRole('status').filter({ hasText: /last change by Ann Lee/ }).waitFor();
    expect(await again.getByRole('group', { name: 'Work on this ticket' }).getByLabel('Assigned to').inputValue()).toBe('ann');
    await screenshot(again, 'inbox-tickets-after-restart');
    // A laptop screen: the work bar wraps, nothing is cut off.
    await again.setViewportSize({ width: 1024, height: 700 });
    const bar = again.getByRole('group', { name: 'Work on this ticket' });
    const box = (await bar.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    expect((await bar.getByRole('button', { name: 'Mark done' }).boundingBox())!.x + 20).toBeLessThan(1024);
    // The customer's address is on one line, not broken mid-word (newcomer s32 #7: "ann@example.co / m").
    const lines = await again.getByRole('link', { name: 'zoe@example.com' }).evaluate((a) => {
      const text = Array.from(a.childNodes).find((n) => n.nodeType === Node.TEXT_NODE && /@/.test(n.textContent ?? ''))!;
      const range = document.createRange();
      range.selectNodeContents(text);
      return new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    });
    expect(lines, 'lines the address takes on a laptop screen').toBe(1);
    await screenshot(again, 'inbox-tickets-laptop');
    expect(errors).toEqual([]);
  }, 180_000);
});
