/**
 * The simulator panel end to end, in headless Chromium against the real browser studio: a customer asks for a
 * person, the virtual agent replies and hands back, the path is highlighted on the canvas and the CSAT question
 * follows; the conversation is saved as a scenario (written beside the flow by the studio server), the Human
 * Takeover block is deleted on the canvas and the scenario fails with the difference shown; a batch of
 * conversations is loaded and the chart and the traversal counts on the canvas appear.
 * Screenshots: test/e2e/screenshots/simulator-*.png.
 */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { openStudioSession, simulatorPanel, type StudioSession } from '../support/browserHarness';
import { screenshot, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('simulator end to end', () => {
  let session: StudioSession;
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  let key: string;

  beforeAll(async () => {
    session = await openStudioSession();
    ({ studio, browser, page } = session);
    key = (await studio.api.createFlow({ template: 'customer-support' })).key;
    await page.goto(studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });

  const { panel, transcript, say } = simulatorPanel(() => page);
  const shadowOf = (id: string) =>
    page.evaluate((id) => {
      const el = document.querySelector(`.react-flow__node[data-id="${id}"] .bn`);
      return el ? getComputedStyle(el).boxShadow : null;
    }, id);

  it('a customer asks for a person; the agent replies and hands back; the path is highlighted; the CSAT question follows', async () => {
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    await panel().waitFor();
    await expect.poll(() => transcript().locator('li').count()).toBeGreaterThan(0);
    await say('Can I talk to a real person please?');
    await say('sam@example.com');
    const agent = panel().getByRole('region', { name: 'Agent pane' });
    // Session 42: the inbox's words; given automatically, Ana has not opened the chat yet. Opening it tells the customer.
    await agent.getByText(/Assigned · Ana · not opened yet/).waitFor();
    await screenshot(page, 'simulator-agent-pane');
    await agent.getByRole('button', { name: 'Open the chat as Ana' }).click();
    await transcript().getByText(/Ana from Northwind Goods has joined/).waitFor();
    await agent.getByText('Assigned · Ana', { exact: true }).waitFor();
    await agent.getByLabel('Agent reply').fill('Hi Sam, Ana here. How can I help?');
    await agent.getByRole('button', { name: 'Reply' }).click();
    await transcript().getByText('Hi Sam, Ana here. How can I help?').waitFor();
    await agent.getByRole('button', { name: 'Hand back to bot' }).click();
    await transcript().getByText(/how would you rate this chat/i).waitFor();
    // The current block (csat) has the strong ring, a visited one (human_agent) the path ring, an unvisited one none.
    await expect.poll(() => shadowOf('csat')).toMatch(/rgba?\(/);
    expect(await shadowOf('human_agent')).toMatch(/rgba?\(/);
    const unvisited = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getAttribute('data-id'));
      const css = document.querySelector('[data-testid="sim-canvas-style"]')?.textContent ?? '';
      return ids.find((id) => id && !css.includes(`"${id}"`)) ?? null;
    });
    if (unvisited) expect(await shadowOf(unvisited)).not.toBe(await shadowOf('human_agent'));
    // The canvas follows the conversation: the current block is inside the visible canvas.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const n = document.querySelector('.react-flow__node[data-id="csat"]')?.getBoundingClientRect();
          const c = document.querySelector('.react-flow')?.getBoundingClientRect();
          return Boolean(n && c && n.left >= c.left && n.right <= c.right && n.top >= c.top && n.bottom <= c.bottom);
        }),
      )
      .toBe(true);
    await screenshot(page, 'simulator-handback-csat');
    await panel().getByRole('tab', { name: 'Debug' }).click();
    await panel().getByRole('region', { name: 'Escalation decisions' }).getByText(/explicit request/).first().waitFor();
    await screenshot(page, 'simulator-debug');
    await panel().getByRole('tab', { name: 'Chat' }).click();
  });

  it('save as scenario, break the flow, the scenario fails with the difference shown', async () => {
    await panel().getByRole('tab', { name: 'Scenarios' }).click();
    await panel().getByLabel('Scenario name').fill('e2e: asks for a person, Ana hands back');
    await panel().getByRole('button', { name: 'Save as scenario' }).click();
    await panel().getByText(/Saved "e2e: asks for a person/).waitFor();
    const stored = await studio.api.scenarios(key);
    expect(stored.file.scenarios.map((s) => s.name)).toContain('e2e: asks for a person, Ana hands back');
    await panel().getByRole('button', { name: 'Run all' }).click();
    const mine = panel().locator('li', { hasText: 'e2e: asks for a person, Ana hands back' });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('passed');

    // Break the flow: delete the Human Takeover block on the canvas.
    const before = await page.locator('.react-flow__node').count();
    await page.locator('.react-flow__node[data-id="human_agent"] .bn-title').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before - 1);
    await panel().getByRole('button', { name: 'Run all' }).click();
    await expect.poll(() => mine.getAttribute('data-status')).toBe('failed');
    const row = mine.getByRole('button').first();
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    const failure = panel().getByRole('region', { name: /Failure of e2e: asks for a person/ });
    await failure.waitFor();
    expect(await failure.textContent()).toMatch(/expected.*actual/s);
    await screenshot(page, 'simulator-scenario-failed');
    // Put the block back (undo) for the next test.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before);
  });

  it('load a batch: the chart with the guidance band and the counts on the canvas', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-batch-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'logs.jsonl');
    const lines = [
      { id: 'c1', turns: ['Can I talk to a real person please?', 'sam@example.com'] },
      { id: 'c2', turns: ['Track my order', 'NW-104233'] },
      { id: 'c3', turns: ['This is useless, I am furious and fed up!!'] },
      { id: 'c4', turns: ['Returns'] },
      { id: 'c5', turns: ['Shipping'] },
      { id: 'c6', turns: ['agent please', 'sam@example.com'] },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    await panel().getByRole('tab', { name: 'Batch' }).click();
    await panel().getByLabel('Conversations file (JSONL)').setInputFiles(file);
    const chart = panel().getByRole('img', { name: /guidance 15 to 25 percent/ });
    await chart.waitFor();
    await panel().getByText('logs.jsonl: 6 conversations').waitFor();
    await expect.poll(() => page.locator('.sim-edge-count').count()).toBeGreaterThan(0);
    const startBadge = await page.evaluate(() => {
      const el = document.querySelector('.react-flow__node[data-id="start"]') ?? document.querySelector('.react-flow__node');
      return el ? getComputedStyle(el, '::after').content : '';
    });
    expect(startBadge).toMatch(/× \d+/);
    await chart.getByRole('button', { name: /explicit request/ }).click();
    await panel().getByRole('region', { name: /Conversations escalated for explicit_request/ }).getByText(/c1/).waitFor();
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForTimeout(400);
    await screenshot(page, 'simulator-batch');
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });
});
