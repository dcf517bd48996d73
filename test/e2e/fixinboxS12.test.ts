/**
 * fixinbox, session 12 (newcomer s11 #3, #7, #8, #9, #23) in headless Chromium on a real runtime with a real agents file:
 * - #8: the inbox's toast ("Assigned to you: …") sits in a bottom corner (session 39: of the list column), clear of
 *   the list and chat headers, and goes by itself;
 * - #9: Unassigned rows show the place in the queue and the wait;
 * - #3: a customer waiting in the widget reads one queue line, updated to "next in line" within seconds of the head of
 *   the queue being taken (was: 20-25 s, a new line each time);
 * - #23: the rating after Resolve reads "Rated 4/5" on the Closed row, the header and in the timeline;
 * - #7: the Agents screen says the agents file is broken as soon as it opens; s12 #11: it shows each agent's rating.
 * Screenshots: test/e2e/screenshots/fixinbox-s12-*.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
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
const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', passwordHash: hashPassword(PASSWORD), token: 'ann-token-0123456789abcdef', teams: ['support'], skills: [], languages: ['en'], maxChats: 1, admin: true };
const bob = { ...ann, id: 'bob', name: 'Bob Ray', email: 'bob@example.com', token: 'bob-token-0123456789abcdef', admin: false };

/** The support template, auto-assigning one chat per agent (so the next customers queue). */
function oneChatEach(): Flow {
  const f = supportFlowOpenQueue();
  return { ...f, blocks: f.blocks.map((b) => (b.id === 'human_agent' ? ({ ...b, data: { ...b.data, assignation: 'custom', autoAssign: { enabled: true, strategy: 'least_busy', maxChatsPerAgent: 1 } } } as typeof b) : b)) };
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(!haveChromium)('fixinbox s12: queue, toast, rating, broken agents file', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;
  let inbox: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [oneChatEach()], agentsFile: { agents: [ann, bob] }, prefix: 'baton-fixinbox-e2e-' });
    browser = await launchChromium();
    inbox = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    inbox.on('pageerror', (e) => errors.push(String(e)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  /** A customer over the API who asks for a person (answers the takeover's questions until it waits or is taken). */
  async function customerWantsPerson(name: string) {
    const url = run.rt.url;
    const c = (await callJson(`${url}/api/v1/flows/customer-support/conversations`, 'POST', { variables: { customerName: name } })).body;
    let r = await callJson(`${url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: 'I need to speak with a human please' }, c.token);
    for (let i = 0; i < 3 && r.body.mode === 'bot'; i++) r = await callJson(`${url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: i === 0 ? `${name.toLowerCase()}@example.com` : name }, c.token);
    expect(['waiting', 'agent']).toContain(r.body.mode);
    return { id: c.conversationId as string, token: c.token as string };
  }

  it('toast in the corner (#8), queue places (#9, #3), rating (#23), broken agents file (#7)', async () => {
    const url = run.rt.url;
    await inbox.goto(`${url}/inbox`);
    await inbox.getByLabel('Email or agent id').fill('ann@example.com');
    await inbox.getByLabel('Password').fill(PASSWORD);
    await inbox.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => (await inbox.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);

    // #8: Kim's chat is given to Ann; the toast is in the bottom corner of the list column (s39), over no header (since session 28 it stays until opened or dismissed).
    const kim = await customerWantsPerson('Kim');
    const toast = inbox.locator('.ib-flash');
    await toast.waitFor({ timeout: 20_000 });
    expect(await toast.textContent()).toMatch(/Assigned to you/);
    const tb = (await toast.boundingBox())!;
    // Session 39 (newcomer s39 N5): at the bottom of the list column, not over the context panel.
    const listBox = (await inbox.locator('.ib-list').boundingBox())!;
    expect(tb.x).toBeGreaterThanOrEqual(listBox.x);
    expect(tb.x + tb.width).toBeLessThanOrEqual(listBox.x + listBox.width);
    expect(tb.y + tb.height).toBeGreaterThan(900 - 40);
    for (const sel of ['.ib-list-head', '.ib-conv-head', '.ib-side', '.ib-context']) {
      const el = inbox.locator(sel).first();
      if ((await el.count()) === 0 || !(await el.isVisible())) continue;
      expect(overlaps(tb, (await el.boundingBox())!), `toast over ${sel}`).toBe(false);
    }
    await screenshot(inbox, 'fixinbox-s12-toast-corner');
    // Session 28 (fixjoin, newcomer s28 N6): a chat assigned to me keeps its notice until I open it or dismiss it.
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await toast.waitFor({ state: 'detached', timeout: 10_000 });

    // #9: two customers wait; the Unassigned rows say where each is and since when.
    await customerWantsPerson('Lou');
    const widget = await (await browser.newContext({ viewport: { width: 390, height: 720 } })).newPage();
    widget.on('pageerror', (e) => errors.push(String(e)));
    await widget.goto(`${url}/widget/?flow=customer-support&title=Help`);
    const box = widget.getByLabel('Your message');
    await expect.poll(async () => await box.isEnabled(), { timeout: 20_000 }).toBe(true);
    await box.fill('I need to speak with a human please');
    await box.press('Enter');
    for (let i = 0; i < 3; i++) {
      await widget.waitForTimeout(1500);
      if (await widget.locator('.bw-wait').count()) break;
      await box.fill(i === 0 ? 'max@example.com' : 'Max');
      await box.press('Enter');
    }
    await widget.getByText('You are number 2 in the queue.', { exact: false }).first().waitFor({ timeout: 20_000 });
    await inbox.getByRole('button', { name: /^Unassigned/ }).click();
    await inbox.getByText(/#2 in queue · waiting/).waitFor({ timeout: 20_000 });
    await inbox.getByText(/#1 in queue · waiting/).waitFor();
    await screenshot(inbox, 'fixinbox-s12-unassigned-places');

    // #3: Ann resolves Kim's chat; Lou gets her; Max reads "next in line" within seconds, on the one queue line.
    await inbox.getByRole('button', { name: /^Mine/ }).click();
    await inbox.getByRole('button', { name: /Kim/ }).first().click();
    const resolve = inbox.getByRole('button', { name: 'Resolve' });
    await resolve.waitFor();
    // Session 46 (studio10, newcomer s45 N10): Resolve asks the rating only after the agent wrote to the customer.
    await inbox.getByLabel('Reply to the customer').fill('Hi Kim, Ann here: all sorted.');
    await inbox.getByLabel('Reply to the customer').press('Enter');
    await inbox.getByText('Hi Kim, Ann here: all sorted.').first().waitFor({ timeout: 20_000 });
    const t0 = Date.now();
    await resolve.click();
    // #8 with a chat open: the "Resolved." toast stays clear of the chat column (session 39, newcomer s39 N5: in the
    // list column's corner, not over the context panel's Transcript buttons).
    // (Session 17: the next chat's "It is in Mine." flash can replace "Resolved." before it is seen (the fresh-clone CI
    // at 1955e07); it sits in the same place, which is what #8 is about.)
    await toast.filter({ hasText: /Resolved\.|in Mine/ }).waitFor({ timeout: 10_000 });
    const panel = (await inbox.getByRole('complementary', { name: 'Context' }).boundingBox())!;
    const chat = (await inbox.locator('.ib-conv').first().boundingBox())!;
    const rb = (await toast.boundingBox())!;
    expect(overlaps(rb, panel)).toBe(false);
    expect(overlaps(rb, chat)).toBe(false);
    await widget.locator('.bw-queue', { hasText: 'You are next in line.' }).waitFor({ timeout: 10_000 });
    const took = Date.now() - t0;
    expect(took).toBeLessThan(5_000);
    expect(await widget.locator('.bw-log .bw-system', { hasText: /in the queue|next in line/ }).count()).toBe(1);
    await expect.poll(async () => await widget.locator('.bw-wait').textContent()).toMatch(/Waiting for a person to join: next in line\./);
    await screenshot(widget, 'fixinbox-s12-widget-queue-line');
    await screenshot(inbox, 'fixinbox-s12-toast-with-chat-open');

    // #23: Kim rates the chat 4; the Closed list, the header and the timeline say "Rated 4/5".
    const rated = await callJson(`${url}/api/v1/conversations/${kim.id}/messages`, 'POST', { text: '4' }, kim.token);
    expect(rated.status).toBe(200);
    await inbox.getByRole('button', { name: /^Closed/ }).click();
    const row = inbox.getByRole('button', { name: /Kim.*Rated 4\/5 \(satisfied\)/ });
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await inbox.locator('.ib-conv-head .ib-rating-chip', { hasText: 'Rated 4/5 (satisfied)' }).waitFor();
    await inbox.getByLabel("Rated 4/5 (satisfied): the customer's answer to the rating question").waitFor();
    await screenshot(inbox, 'fixinbox-s12-rating');

    // #7: the agents file is broken by hand; the Agents screen says so as soon as it opens.
    writeFileSync(run.agentsPath, readFileSync(run.agentsPath, 'utf8').replace('"name":"Bob Ray",', '"name":"Bobby"'));
    await inbox.waitForTimeout(1200);
    await inbox.goto(`${url}/inbox#/agents`);
    const banner = inbox.locator('.ia-file-problem');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toMatch(/The agents file was edited on disk and cannot be read: .*agents\.json: not valid JSON \(.*\)\. Fix the file on disk/);
    await inbox.getByText('Bob Ray').first().waitFor();
    // s12 #11: ratings per agent on the Agents screen; Kim's 4 went to Ann, Bob has none.
    await inbox.getByRole('columnheader', { name: 'Rating' }).waitFor({ timeout: 10_000 });
    const annRow = inbox.locator('tr', { hasText: 'ann@example.com' });
    await annRow.getByText('4.0').waitFor();
    await inbox.locator('tr', { hasText: 'bob@example.com' }).getByText('no ratings yet').waitFor();
    await screenshot(inbox, 'fixinbox-s12-agents-file-broken');
    expect(errors).toEqual([]);
  }, 180_000);
});
