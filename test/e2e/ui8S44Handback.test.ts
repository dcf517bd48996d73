/**
 * Session 44 (ui8): newcomer s44 N12 and N16 in the real widget and inbox.
 *  - N12: the agent accepts a customer's request for a person and hands back without a word: the widget says nobody
 *    could answer and shows the menu the request interrupted; no "rate this chat".
 *  - N15: the widget's "Start a new chat?" question does not push the newest lines out of view.
 *  - N16: the inbox has Decline beside Hand back / Resolve (the simulator's agent pane had it): the chat goes back to
 *    the queue and the customer is told.
 * Screenshots: test/e2e/screenshots/ui8-s44-*.png.
 */
import type { Browser, Page, FrameLocator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import { launchChromium, newWatchedPage } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery staple';
const bob: Agent = { id: 'bob', name: 'Bob', email: 'bob@example.com', passwordHash: hashPassword(PASSWORD), teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: false } as Agent;

describe.skipIf(!haveChromium)('session 44 ui8: hand back with no word, Decline in the inbox', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;
  let customer: Page;
  let agent: Page;
  const watch = { errors: [] as string[], consoleErrors: [] as string[], failedLoads: [] as string[] };

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlowOpenQueue()], agents: [bob], prefix: 'baton-ui8-e2e-' });
    browser = await launchChromium();
    customer = await newWatchedPage(browser, { width: 1280, height: 820 }, watch);
    agent = await newWatchedPage(browser, { width: 1280, height: 800 }, watch);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  const widget = (): FrameLocator => customer.frameLocator('iframe[title]');

  it('N12: handed back unanswered -> back at the menu, no rating; N16: Decline puts the chat back in the queue', async () => {
    await agent.goto(`${run.rt.url}/inbox`);
    await agent.getByLabel('Email or agent id').fill('bob@example.com');
    await agent.getByLabel('Password').fill(PASSWORD);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('button', { name: /Unassigned/ }).waitFor();
    await expect.poll(async () => (await agent.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);

    await customer.goto(`${run.rt.url}/chat/customer-support`);
    const w = widget();
    await w.getByText('What can I help you with?').waitFor({ timeout: 15_000 });
    await w.getByLabel('Your message').fill('I need a person, my parcel NW-104233 arrived broken');
    await w.getByLabel('Your message').press('Enter');
    await w.getByText(/connecting you with someone/i).waitFor({ timeout: 15_000 });

    const row = agent.getByRole('button', { name: /Asked for a person/ });
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await agent.getByRole('button', { name: 'Accept' }).click();
    await agent.getByRole('button', { name: 'Hand back to bot' }).waitFor();
    await agent.getByRole('button', { name: 'Decline' }).waitFor();
    await screenshot(agent, 'ui8-s44-inbox-decline');

    await agent.getByRole('button', { name: 'Hand back to bot' }).click();
    await w.getByText(/nobody from our team could answer you this time/).waitFor({ timeout: 15_000 });
    await expect.poll(() => w.getByText('What can I help you with?').count()).toBe(2);
    expect(await w.getByText(/rate this chat/i).count()).toBe(0);
    await screenshot(customer, 'ui8-s44-widget-handback-unanswered');

    // N15: "Start a new chat?" hangs over the top of the log; the newest line (the menu's buttons) stays in view.
    const last = w.getByRole('button', { name: 'Something else' }).last();
    const before = (await last.boundingBox())!;
    await w.getByRole('button', { name: 'Start a new conversation' }).click();
    await w.getByText('Start a new chat? This one will end.').waitFor();
    const after = (await last.boundingBox())!;
    expect(Math.abs(after.y - before.y)).toBeLessThan(2);
    await screenshot(customer, 'ui8-s44-widget-new-chat-question');
    await w.getByRole('button', { name: 'Keep this chat' }).click();

    // Asked again: Bob accepts and declines; the customer is told and waits in the queue.
    await w.getByLabel('Your message').fill('a person please');
    await w.getByLabel('Your message').press('Enter');
    await agent.getByRole('button', { name: /Unassigned/ }).click();
    const again = agent.getByRole('button', { name: /Asked for a person/ });
    await again.first().waitFor({ timeout: 15_000 });
    await again.first().click();
    await agent.getByRole('button', { name: 'Accept' }).click();
    await agent.getByRole('button', { name: 'Decline' }).click();
    await agent.getByText('Declined: the chat is back in the queue.').waitFor({ timeout: 15_000 });
    await w.getByText(/finding someone else to help you/).waitFor({ timeout: 15_000 });
    await screenshot(customer, 'ui8-s44-widget-after-decline');
    expect(watch.errors).toEqual([]);
  }, 180_000);
});
