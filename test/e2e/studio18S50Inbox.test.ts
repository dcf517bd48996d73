/**
 * Session 50 (studio18), in Chromium on `baton serve`'s inbox and widget: hostile s49 L10 (a customer's unbroken run
 * of letters ran past the right edge of the "Why the bot handed over" panel) and L7 (an agent message of blank lines was
 * a ~400 px bubble in the widget: the inbox and the server now keep one blank line).
 * Screenshots: test/e2e/screenshots/studio18-s50-inbox-l10.png, studio18-s50-widget-l7.png (looked at).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import { validateFlow } from '../../shared/flow/validateFlow';
import customerSupport from '../../flows/customer-support.json';
import { launchChromium, newWatchedPage } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { startRuntimeWithAgents, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery staple';
const ann: Agent = { id: 'ann', name: 'Ann', email: 'ann@example.com', passwordHash: hashPassword(PASSWORD), teams: [], skills: [], languages: ['en'], maxChats: 3, admin: false } as Agent;

describe.skipIf(!haveChromium)('session 50 studio18: the inbox context panel and an agent message of blank lines', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;
  let customer: Page;
  let agent: Page;
  const watch = { errors: [] as string[], consoleErrors: [] as string[], failedLoads: [] as string[] };

  beforeAll(async () => {
    ensureRendererBuilt();
    // Open at any hour (the test runs on the real clock): the takeovers' opening hours taken off.
    const open = JSON.parse(JSON.stringify(customerSupport));
    for (const b of open.blocks) if (b.kind === 'human_takeover') b.data.availability = null;
    const r = validateFlow(open);
    if (!r.flow) throw new Error('customer-support invalid');
    run = await startRuntimeWithAgents({ flows: [r.flow], agents: [ann], prefix: 'baton-studio18-e2e-' });
    browser = await launchChromium();
    customer = await newWatchedPage(browser, { width: 1280, height: 820 }, watch);
    agent = await newWatchedPage(browser, { width: 1400, height: 900 }, watch);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  it('L10: the long key message wraps inside the panel; L7: a reply of 20 blank lines is one blank line in the widget', async () => {
    await agent.goto(`${run.rt.url}/inbox`);
    await agent.getByLabel('Email or agent id').fill('ann@example.com');
    await agent.getByLabel('Password').fill(PASSWORD);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('button', { name: /Unassigned/ }).waitFor();
    await expect.poll(async () => (await agent.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);

    await customer.goto(`${run.rt.url}/chat/customer-support`);
    const w = customer.frameLocator('iframe[title]');
    await expect.poll(async () => await w.getByLabel('Your message').isEnabled(), { timeout: 20_000 }).toBe(true);
    await w.getByLabel('Your message').fill(`I want to talk to a human ${'Z'.repeat(3000)}`);
    await w.getByLabel('Your message').press('Enter');
    // The flow asks for an email before the queue (the takeover's question): give it.
    await w.getByText(/email/i).last().waitFor({ timeout: 20_000 });
    await w.getByLabel('Your message').fill('sam@example.com');
    await w.getByLabel('Your message').press('Enter');

    // customer-support's takeover assigns by itself (least busy): the chat is in Ann's Mine, or waits in Unassigned.
    const row = agent.locator('.ib-row').first();
    await expect
      .poll(
        async () => {
          for (const view of [/^Mine/, /^Unassigned/]) {
            await agent.getByRole('button', { name: view }).first().click();
            if (await row.isVisible()) return true;
          }
          return false;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await row.click();
    const context = agent.getByRole('complementary', { name: 'Context' });
    await context.locator('.ib-summary').waitFor();
    await agent.waitForTimeout(300);
    // Nothing in the panel is wider than the panel: no element's right edge past the panel's, no inner scroll sideways.
    const over = await context.evaluate((panel) => {
      const edge = panel.getBoundingClientRect().right;
      return [...panel.querySelectorAll('p, span, li, dd')].filter((el) => el.getBoundingClientRect().right > edge + 1).map((el) => el.className || el.tagName);
    });
    expect(over).toEqual([]);
    expect(await context.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await screenshot(agent, 'studio18-s50-inbox-l10');

    // customer-support's takeover assigns by itself (least busy): Ann may hold it already.
    const accept = agent.getByRole('button', { name: 'Accept' });
    if (await accept.isVisible()) await accept.click();
    const box = agent.getByLabel('Reply to the customer');
    await box.waitFor({ timeout: 15_000 });
    await box.fill(`line1${'\n'.repeat(20)}line2`);
    await box.press('Enter');
    const bubble = w.locator('text=line1').last();
    await bubble.waitFor({ timeout: 20_000 });
    const height = await bubble.evaluate((el) => (el.closest('[class*="bubble"], [class*="msg"], li') ?? el).getBoundingClientRect().height);
    // One blank line between two lines: about three lines high, not 22.
    expect(height).toBeLessThan(120);
    await customer.waitForTimeout(300);
    await screenshot(customer, 'studio18-s50-widget-l7');
    expect(watch.errors).toEqual([]);
  });
});
