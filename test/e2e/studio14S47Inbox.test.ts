/**
 * Session 47 (studio14): newcomer s46 N17's inbox leftovers, checked in Chromium at 1440 x 900 (session 46 changed both
 * and checked them in jsdom only): "Hand back to bot" on one line inside its button, and the "Why the bot handed over"
 * reason in the text colour, not the alarm red, for a harmless button choice ("Talk to a mechanic").
 * Screenshot: test/e2e/screenshots/studio14-s47-inbox-1440.png (looked at).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import { validateFlow } from '../../shared/flow/validateFlow';
import { launchChromium, newWatchedPage } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { startRuntimeWithAgents, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery staple';
const ann: Agent = { id: 'ann', name: 'Ann', email: 'ann@example.com', passwordHash: hashPassword(PASSWORD), teams: [], skills: [], languages: ['en'], maxChats: 3, admin: false } as Agent;

function bikeFlow() {
  const r = validateFlow({
    version: 1,
    id: 'bikes',
    name: 'Spoke & Chain',
    blocks: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'menu', kind: 'buttons', position: { x: 300, y: 0 }, data: { text: 'What do you need today?', options: [{ id: 'book', label: 'Book a repair' }, { id: 'mech', label: 'Talk to a mechanic' }] } },
      { id: 'book_msg', kind: 'message', position: { x: 600, y: 0 }, data: { text: 'Repairs take 2-3 days.' } },
      { id: 'end', kind: 'end', position: { x: 900, y: 0 }, data: {} },
      { id: 'ho', kind: 'human_takeover', position: { x: 600, y: 200 }, data: { assignation: 'simple' } },
      { id: 'tk', kind: 'ticket', position: { x: 900, y: 200 }, data: {} },
      { id: 'end2', kind: 'end', position: { x: 1200, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', from: 'start', exit: 'next', to: 'menu' },
      { id: 'e2', from: 'menu', exit: 'book', to: 'book_msg' },
      { id: 'e3', from: 'book_msg', exit: 'next', to: 'end' },
      { id: 'e4', from: 'menu', exit: 'mech', to: 'ho' },
      { id: 'e5', from: 'ho', exit: 'resolved', to: 'end2' },
      { id: 'e6', from: 'ho', exit: 'no_agent', to: 'tk' },
      { id: 'e7', from: 'ho', exit: 'timeout', to: 'tk' },
      { id: 'e8', from: 'tk', exit: 'next', to: 'end2' },
    ],
  });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  return r.flow;
}

describe.skipIf(!haveChromium)('session 47 studio14: the inbox at 1440 px', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;
  let customer: Page;
  let agent: Page;
  const watch = { errors: [] as string[], consoleErrors: [] as string[], failedLoads: [] as string[] };

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [bikeFlow()], agents: [ann], prefix: 'baton-studio14-e2e-' });
    browser = await launchChromium();
    customer = await newWatchedPage(browser, { width: 1280, height: 820 }, watch);
    agent = await newWatchedPage(browser, { width: 1440, height: 900 }, watch);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  it('"Hand back to bot" on one line; a button choice\'s reason not in the alarm colour', async () => {
    await agent.goto(`${run.rt.url}/inbox`);
    await agent.getByLabel('Email or agent id').fill('ann@example.com');
    await agent.getByLabel('Password').fill(PASSWORD);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('button', { name: /Unassigned/ }).waitFor();
    await expect.poll(async () => (await agent.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);

    await customer.goto(`${run.rt.url}/chat/bikes`);
    const w = customer.frameLocator('iframe[title]');
    await w.getByRole('button', { name: 'Talk to a mechanic' }).click({ timeout: 20_000 });

    const row = agent.locator('.ib-row, [role="button"]').filter({ hasText: /mechanic/i }).first();
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await agent.getByRole('button', { name: 'Accept' }).click();
    const handBack = agent.getByRole('button', { name: 'Hand back to bot' });
    await handBack.waitFor();
    await agent.waitForTimeout(400);
    await screenshot(agent, 'studio14-s47-inbox-1440');

    // One line: the button's text has one line box.
    const lines = await handBack.evaluate((el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      return new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
    });
    expect(lines).toBe(1);

    const reason = agent.locator('.ib-reason').first();
    expect(await reason.textContent()).toMatch(/Talk to a mechanic/);
    const colours = await reason.evaluate((el) => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--bt-danger, #dc2626)';
      el.parentElement!.appendChild(probe);
      const danger = getComputedStyle(probe).color;
      probe.remove();
      return { reason: getComputedStyle(el).color, heading: getComputedStyle(el.parentElement!.querySelector('h3')!).color, danger };
    });
    expect(colours.reason).not.toBe(colours.danger);
    expect(colours.heading).not.toBe(colours.danger);
  });
});
