/**
 * Newcomer s6 #24 end to end in headless Chromium on a real runtime (startRuntime on 127.0.0.1 with an agent): a
 * customer on /chat/customer-support asks for a person, Ann accepts; the header says the customer's page is open;
 * the customer closes the tab: within a few seconds the header says "Customer's page closed at HH:MM" and the row
 * "Page closed HH:MM" (pushed, no reload); the customer opens the page again (same browser, same conversation): "back
 * at". Screenshots: test/e2e/screenshots/inbox-customer-page-{open,closed,back}.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import type { RunningRuntime } from '../../runtime/serve/startRuntime';
import { launchChromium } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery staple';
/** A time as the browser's locale writes it ("10:04", "10:04 AM"). */
const TIME = String.raw`\d{1,2}:\d\d(?:\s?[AP]M)?`;

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

describe.skipIf(!haveChromium)("the customer's page in the inbox, end to end", () => {
  let run: RuntimeWithAgents;
  let rt: RunningRuntime;
  let browser: Browser;
  let customerContext: BrowserContext;
  let agent: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlowOpenQueue()], agents: [ann], prefix: 'baton-cpage-e2e-' });
    rt = run.rt;
    browser = await launchChromium();
    customerContext = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    agent = await agentContext.newPage();
    agent.on('pageerror', (e) => errors.push(String(e)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  it('open, closed at HH:MM when the customer closes the tab, back when they return', async () => {
    await agent.goto(`${rt.url}/inbox`);
    await agent.getByLabel('Email or agent id').fill('ann@example.com');
    await agent.getByLabel('Password').fill(PASSWORD);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => (await agent.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);

    const customer = await customerContext.newPage();
    await customer.goto(`${rt.url}/chat/customer-support`);
    const w = customer.frameLocator('iframe[title]');
    await w.getByText('What can I help you with?').waitFor({ timeout: 15_000 });
    await w.getByLabel('Your message').fill('I need to speak with a human');
    await w.getByLabel('Your message').press('Enter');
    await w.getByText(/Waiting for a person to join/).first().waitFor({ timeout: 15_000 });

    await agent.getByRole('button', { name: /Asked for a person/ }).click();
    await agent.getByRole('button', { name: 'Accept' }).click();
    await agent.getByRole('button', { name: 'Hand back to bot' }).waitFor();
    const chip = agent.getByTestId('customer-page');
    await expect.poll(() => chip.textContent(), { timeout: 10_000 }).toBe("Customer's page is open");
    await screenshot(agent, 'inbox-customer-page-open');

    // The customer closes the tab: told after the 5 s grace (a reconnect is not a close), pushed to the open inbox.
    await customer.close();
    await expect.poll(() => chip.textContent(), { timeout: 15_000 }).toMatch(new RegExp(`^Customer's page closed at ${TIME}$`));
    const closedAt = (await chip.textContent())!.match(new RegExp(TIME))![0];
    await agent.locator('.ib-rows').getByText(`Page closed ${closedAt}`).waitFor({ timeout: 10_000 });
    await screenshot(agent, 'inbox-customer-page-closed');

    // Back: the same browser opens the page again and continues the same conversation.
    const again = await customerContext.newPage();
    await again.goto(`${rt.url}/chat/customer-support`);
    await again.frameLocator('iframe[title]').getByText('I need to speak with a human').waitFor({ timeout: 15_000 });
    await expect.poll(() => chip.textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^Customer back at ${TIME} \\(page closed at ${closedAt}\\)$`));
    expect(await agent.locator('.ib-rows').getByText(/Page closed/).count()).toBe(0);
    await screenshot(agent, 'inbox-customer-page-back');
    expect(errors).toEqual([]);
  });
});
