/**
 * Session 36 (review of session 35, cosmetic): two inbox screens were untidy at 1,280 px.
 * - The chat header's "Customer not seen since the server restarted at 10:43 PM" chip wrapped over two lines: it now
 *   reads "Not seen since restart 10:43 PM" on one line, the whole sentence in its tooltip.
 * - The "went back to Unassigned" toast was a ten-line paragraph: a headline and one short line, the whole
 *   explanation in its tooltip.
 * Headless Chromium on a real runtime (auto-assign, an agent who does not open the chat in time, then a restart with
 * the same data folder): wrapping is layout, which only a browser shows. Screenshots: /work/coord/s36/ux/6-*.png and
 * test/e2e/screenshots/inboxtidy36-*.png.
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
  return { ...f, blocks: f.blocks.map((b) => (b.id === 'human_agent' ? ({ ...b, data: { ...b.data, assignation: 'custom', askEmail: false, autoAssign: { enabled: true, strategy: 'least_busy', maxChatsPerAgent: 5 } } } as typeof b) : b)) };
}

describe.skipIf(!haveChromium)('inbox at 1,280 px: the restart chip on one line, the went-back toast short', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;
  let inbox: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    // notOpenedAfterMinutes 0.05: 3 s without opening an auto-assigned chat and it goes back to Unassigned.
    run = await startRuntimeWithAgents({ flows: [autoAssign()], agentsFile: { agents: [ann], settings: { notOpenedAfterMinutes: 0.05 } }, prefix: 'baton-inboxtidy36-e2e-' });
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  async function signIn(): Promise<Page> {
    const p = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    p.on('pageerror', (e) => errors.push(String(e)));
    await p.goto(`${run.rt.url}/inbox`);
    await p.getByLabel('Email or agent id').fill('ann@example.com');
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => (await p.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);
    return p;
  }

  it('the toast after a chat went back is a headline and a line; after a restart the chat stays in Unassigned, its chip on one line', async () => {
    inbox = await signIn();
    // A REST customer asks for a person: the hub gives the chat to Ann, who does not open it.
    const c = await callJson(`${run.rt.url}/api/v1/flows/customer-support/conversations`, 'POST', {});
    expect(c.status).toBe(201);
    const said = await callJson(`${run.rt.url}/api/v1/conversations/${c.body.conversationId}/messages`, 'POST', { text: 'I want to talk to a human' }, c.body.token);
    expect(said.status).toBe(200);
    const toast = inbox.locator('.ib-flash');
    await toast.getByText(/went back to Unassigned/).waitFor({ timeout: 30_000 });
    await inbox.waitForTimeout(400);
    await screenshot(inbox, 'inboxtidy36-toast-went-back');
    const box = (await toast.boundingBox())!;
    expect(await toast.getAttribute('title')).toMatch(/it is given to you once more \(not after a second time\)\. It is still waiting: open it from Unassigned to take it\.$/); // session 41 (hostile s40 M9)
    expect(await toast.locator('.ib-flash-detail').textContent()).toBe('Not opened in time: it is offered to the other agents first.');
    // A headline and a line (at most two lines each, at 13 and 12 px), then "Open it": it was ten lines beside the button.
    const lines = async (sel: string, px: number) => Math.round(((await toast.locator(sel).boundingBox())!.height) / px);
    expect(await lines('.ib-flash-detail', 12 * 1.4)).toBeLessThanOrEqual(2);
    expect(box.height).toBeLessThanOrEqual(130);
    expect((await toast.locator('.ib-flash-text').boundingBox())!.width).toBeGreaterThan(220);

    // A restart with the same data folder: the REST customer has not called since, so "not seen since restart".
    // Session 37: after the restart Ann signs in again and the chat stays in Unassigned, as the toast above told her
    // (the put-back memory is read from the handoff's stored history: session 36's CI saw it given back to her).
    await inbox.close();
    await run.rt.close();
    await run.start();
    inbox = await signIn();
    await inbox.getByText('Unassigned', { exact: true }).first().click();
    await inbox.getByRole('button', { name: /Asked for a person/ }).first().click();
    const chip = inbox.getByTestId('customer-page');
    await expect.poll(async () => ((await chip.count()) ? await chip.textContent() : ''), { timeout: 15_000 }).toMatch(/since restart|since the server restarted/);
    await inbox.waitForTimeout(300);
    await screenshot(inbox, 'inboxtidy36-header-after-restart');
    expect(await chip.textContent()).toBe('Not seen since restart');
    expect(await chip.getAttribute('title')).toMatch(/^Customer not seen since the server restarted at \d{1,2}:\d{2}/);
    // One line, and on the header's line beside the "Waiting" status (it wrapped over two lines below it).
    const chipBox = (await chip.boundingBox())!;
    const status = (await inbox.locator('.ib-conv-head .ib-chip.ib-s-pending, .ib-chip.ib-s-pending').first().boundingBox())!;
    expect(chipBox.height).toBeLessThanOrEqual(22);
    expect(Math.abs(chipBox.y + chipBox.height / 2 - (status.y + status.height / 2))).toBeLessThanOrEqual(3);
    // Still waiting, not given back to her in the seconds after her sign-in (the race session 36's CI lost).
    await inbox.waitForTimeout(3_000);
    expect(await chip.textContent()).toBe('Not seen since restart');
    expect(await inbox.locator('.ib-conv-head .ib-chip.ib-s-pending, .ib-chip.ib-s-pending').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
