/**
 * fixinbox, session 14 (newcomer s14 N#10, N#13, N#17, N#23) in headless Chromium on a real runtime and agents file:
 * - N#23: on a phone the "a chat was assigned to you" toast is one short line at the bottom (above the open chat's
 *   reply box), clear of the top bar and the chat header;
 * - N#10: Resolve with an unsent reply asks first; "Send it, then resolve" sends it, then resolves;
 * - N#13: Resolve, the rating, the end: the timeline says "Handoff resolved" once, then "Conversation ended";
 * - N#17: a chat taken over from the bot is not "waiting"; the agent's own reply is previewed as "You:".
 * Screenshots: test/e2e/screenshots/fixinbox-s14-*.png.
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
const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', passwordHash: hashPassword(PASSWORD), token: 'ann-token-0123456789abcdef', teams: ['support'], skills: [], languages: ['en'], maxChats: 5, admin: true };

/** The support template, auto-assigning chats to Ann (up to 5). */
function autoAssign(): Flow {
  const f = supportFlowOpenQueue();
  return { ...f, blocks: f.blocks.map((b) => (b.id === 'human_agent' ? ({ ...b, data: { ...b.data, assignation: 'custom', autoAssign: { enabled: true, strategy: 'least_busy', maxChatsPerAgent: 5 } } } as typeof b) : b)) };
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(!haveChromium)('fixinbox s14: phone toast, unsent reply, timeline, takeover row', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;
  let inbox: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [autoAssign()], agentsFile: { agents: [ann] }, prefix: 'baton-fixinbox14-e2e-' });
    browser = await launchChromium();
    inbox = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
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
    let r = await callJson(`${url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: 'I want to talk to a human right now' }, c.token);
    for (let i = 0; i < 3 && r.body.mode === 'bot'; i++) r = await callJson(`${url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: i === 0 ? `${name.toLowerCase()}@example.com` : name }, c.token);
    expect(['waiting', 'agent']).toContain(r.body.mode);
    return { id: c.conversationId as string, token: c.token as string };
  }

  const box = async (sel: string) => {
    const el = inbox.locator(sel).first();
    return (await el.count()) && (await el.isVisible()) ? (await el.boundingBox())! : null;
  };

  it('phone toast (N#23), unsent reply (N#10), one "Handoff resolved" (N#13), takeover row (N#17)', async () => {
    const url = run.rt.url;
    await inbox.goto(`${url}/inbox`);
    await inbox.getByLabel('Email or agent id').fill('ann@example.com');
    await inbox.getByLabel('Password').fill(PASSWORD);
    await inbox.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => (await inbox.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);

    // N#23, the list on a phone: Kim's chat is given to Ann; one line at the bottom, clear of the top bar.
    const kim = await customerWantsPerson('Kim');
    const toast = inbox.locator('.ib-flash');
    await toast.waitFor({ timeout: 20_000 });
    expect(await inbox.locator('.ib-flash-text').textContent()).toBe('New chat for you: Kim (in Mine).');
    let tb = (await toast.boundingBox())!;
    expect(tb.y).toBeGreaterThan(844 / 2);
    expect(tb.height).toBeLessThan(60);
    expect(overlaps(tb, (await box('.ib-side'))!), 'toast over the top bar').toBe(false);
    await screenshot(inbox, 'fixinbox-s14-phone-toast-list');
    // Session 28 (fixjoin, newcomer s28 N6): a chat assigned to me keeps its notice until I open it or dismiss it.
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await toast.waitFor({ state: 'detached', timeout: 10_000 });

    // N#23 with a chat open: Lou's chat comes while Ann reads Kim's; the toast sits above the reply box.
    await inbox.locator('button.ib-view[title="Mine"]').click();
    await inbox.locator('.ib-row', { hasText: 'Kim' }).click();
    const draft = inbox.getByLabel('Reply to the customer');
    await draft.waitFor();
    await customerWantsPerson('Lou');
    await toast.waitFor({ timeout: 20_000 });
    expect(await inbox.locator('.ib-flash-text').textContent()).toBe('New chat for you: Lou (in Mine).');
    tb = (await toast.boundingBox())!;
    const composer = (await box('.ib-composer'))!;
    expect(tb.y + tb.height).toBeLessThanOrEqual(composer.y + 1);
    for (const sel of ['.ib-side', '.ib-conv-head']) expect(overlaps(tb, (await box(sel))!), `toast over ${sel}`).toBe(false);
    await screenshot(inbox, 'fixinbox-s14-phone-toast-chat');
    // Session 28 (fixjoin, newcomer s28 N6): a chat assigned to me keeps its notice until I open it or dismiss it.
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await toast.waitFor({ state: 'detached', timeout: 10_000 });

    // N#10 on a phone: Resolve with a reply typed asks first.
    await draft.fill('I am checking your order now, one moment please');
    await inbox.getByRole('button', { name: 'Resolve' }).click();
    const ask = inbox.getByRole('dialog', { name: 'Send your unsent reply first?' });
    await ask.waitFor();
    await screenshot(inbox, 'fixinbox-s14-phone-unsent-reply');
    await ask.getByRole('button', { name: 'Send it, then resolve' }).click();
    await toast.filter({ hasText: 'Resolved.' }).waitFor({ timeout: 10_000 });
    await inbox.locator('.ib-msg', { hasText: 'I am checking your order now, one moment please' }).waitFor();

    // N#13: Kim rates the chat; the bot ends it. The timeline: "Handoff resolved" once, then "Conversation ended".
    expect((await callJson(`${url}/api/v1/conversations/${kim.id}/messages`, 'POST', { text: '5' }, kim.token)).status).toBe(200);
    await inbox.setViewportSize({ width: 1440, height: 900 });
    await inbox.getByRole('button', { name: /^Closed/ }).click();
    await inbox.locator('.ib-row', { hasText: 'Kim' }).click();
    await inbox.locator('.ib-sys', { hasText: 'Conversation ended' }).waitFor({ timeout: 20_000 });
    const sys = (await inbox.locator('.ib-sys').allTextContents()).map((t) => t.replace(/ · .*$/, ''));
    expect(sys.filter((t) => t === 'Handoff resolved')).toHaveLength(1);
    expect(sys.indexOf('Conversation ended')).toBeGreaterThan(sys.indexOf('Handoff resolved'));
    await screenshot(inbox, 'fixinbox-s14-timeline-resolved-once');

    // N#17: Ann replies to Lou: the Mine row reads "You: …".
    await inbox.getByRole('button', { name: /^Mine/ }).click();
    await inbox.locator('.ib-row', { hasText: 'Lou' }).click();
    await inbox.getByLabel('Reply to the customer').fill('Hi Lou, Ann here.');
    await inbox.getByLabel('Reply to the customer').press('Enter');
    await expect.poll(async () => await inbox.locator('.ib-row', { hasText: 'Lou' }).getByTestId('row-last-message').textContent(), { timeout: 10_000 }).toMatch(/You: Hi Lou, Ann here\.$/);
    // N#10 on a wide screen: the question, then Keep writing keeps the text.
    await inbox.getByLabel('Reply to the customer').fill('Let me look at that refund');
    await inbox.getByRole('button', { name: 'Resolve' }).click();
    await ask.waitFor();
    await screenshot(inbox, 'fixinbox-s14-desktop-unsent-reply');
    await ask.getByRole('button', { name: 'Keep writing' }).click();
    expect(await inbox.getByLabel('Reply to the customer').inputValue()).toBe('Let me look at that refund');

    // N#17: Sam talks with the bot; Ann takes the chat over from Live: its Mine row has no "waiting" badge.
    const sam = (await callJson(`${url}/api/v1/flows/customer-support/conversations`, 'POST', { variables: { customerName: 'Sam' } })).body;
    expect((await callJson(`${url}/api/v1/conversations/${sam.conversationId}/messages`, 'POST', { text: 'What are your opening hours?' }, sam.token)).status).toBe(200);
    await inbox.locator('button.ib-view[title="Live"]').click();
    await inbox.getByRole('button', { name: `Take over conversation ${sam.conversationId}` }).click({ timeout: 20_000 });
    const samRow = inbox.locator('.ib-row', { hasText: 'Sam' });
    await samRow.waitFor({ timeout: 10_000 });
    await samRow.getByTestId('row-last-message').waitFor();
    expect(await samRow.locator('.ib-waiting').count()).toBe(0);
    await expect.poll(async () => await inbox.locator('.ib-summary').first().textContent()).toMatch(/was talking with the bot/);
    await screenshot(inbox, 'fixinbox-s14-takeover-row');
    expect(errors).toEqual([]);
  }, 180_000);
});
