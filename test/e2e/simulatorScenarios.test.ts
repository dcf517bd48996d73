/**
 * Scenarios in the real studio (headless Chromium, real studio server), hostile9 findings and the issue 9 gaps:
 *  - a hand edit of the scenarios file made while the studio is open survives "Save as scenario" (the studio's
 *    save is refused as stale over HTTP and applied again to the newer file);
 *  - a saved scenario is edited step by step in the studio and the change is in the file on disk;
 *  - a long first message in the batch gives the same reason in the browser as runBatch in Node (finding 22).
 * Screenshots: test/e2e/screenshots/simulator-scenario-editor.png, simulator-batch-long.png.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { runBatch } from '../../shared/simulator/batchWhatIf';
import { validateFlow } from '../../shared/flow/validateFlow';
import { requireProgram } from '../support/requireProgram';
import { openStudioSession, simulatorPanel, type StudioSession } from '../support/browserHarness';
import { screenshot, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('scenarios in the studio', () => {
  let session: StudioSession;
  let studio: StudioHandle;
  let page: Page;
  let key: string;
  let file: string;

  beforeAll(async () => {
    session = await openStudioSession();
    ({ studio, page } = session);
    key = (await studio.api.createFlow({ template: 'customer-support' })).key;
    file = join(studio.home, 'flows', `${key}.scenarios.json`);
    await page.goto(studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });

  const { panel } = simulatorPanel(() => page);
  const names = () => (JSON.parse(readFileSync(file, 'utf8')) as { scenarios: { name: string; steps: unknown[] }[] }).scenarios;

  it('keeps a hand edit made while the studio is open when a scenario is saved', async () => {
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    await panel().waitFor();
    await panel().getByRole('tab', { name: 'Scenarios' }).click();
    await expect.poll(() => panel().getByRole('button', { name: 'Save as scenario' }).count()).toBe(1);
    const before = names().length;
    await panel().getByText(`Scenarios (${before})`).waitFor();
    // A hand edit on disk, after the studio loaded the file.
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.scenarios.push({ name: 'written by hand', steps: [{ say: 'hello' }] });
    writeFileSync(file, JSON.stringify(doc, null, 2));
    await panel().getByRole('tab', { name: 'Chat' }).click();
    const input = panel().getByLabel('Customer message');
    await input.fill('Can I talk to a real person please?');
    await input.press('Enter');
    await panel().getByRole('tab', { name: 'Scenarios' }).click();
    await panel().getByLabel('Scenario name').fill('e2e: saved after a hand edit');
    await panel().getByRole('button', { name: 'Save as scenario' }).click();
    await panel().getByText(/Saved "e2e: saved after a hand edit"/).waitFor();
    const after = names().map((s) => s.name);
    expect(after).toContain('written by hand');
    expect(after).toContain('e2e: saved after a hand edit');
    expect(after).toHaveLength(before + 2);
  });

  it('edits a saved scenario step by step; the file on disk follows', async () => {
    await panel().getByRole('button', { name: /e2e: saved after a hand edit/ }).click();
    await panel().getByRole('button', { name: 'Edit steps' }).click();
    const editor = panel().getByRole('region', { name: 'Edit e2e: saved after a hand edit' });
    await editor.getByLabel('Text of step 1').fill('I want a human, please');
    await editor.getByRole('button', { name: 'Apply' }).first().click();
    await panel().getByText('Step 1 now says "I want a human, please".').waitFor();
    await editor.getByLabel('New name').fill('e2e: edited in the studio');
    await editor.getByRole('button', { name: 'Rename' }).click();
    const renamed = panel().getByRole('region', { name: 'Edit e2e: edited in the studio' });
    await renamed.waitFor();
    await renamed.scrollIntoViewIfNeeded();
    await screenshot(page, 'simulator-scenario-editor');
    const edited = names().find((s) => s.name === 'e2e: edited in the studio')!;
    expect(edited.steps[0]).toEqual({ say: 'I want a human, please' });
    expect(names().some((s) => s.name === 'written by hand')).toBe(true);
  });

  it('a long first message gives the same batch reason in the browser as in Node', async () => {
    const conv = { id: 'long', turns: ['a'.repeat(1000), 'agent please'] };
    const node = runBatch(validateFlow(customerSupport).flow!, [conv], { now: Date.parse('2026-03-02T10:00:00Z') });
    const reason = node.conversations[0].escalation?.reason;
    expect(reason).toBeTruthy();
    const dir = mkdtempSync(join(tmpdir(), 'baton-batch-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const jsonl = join(dir, 'long.jsonl');
    writeFileSync(jsonl, JSON.stringify(conv) + '\n');
    await panel().getByRole('tab', { name: 'Batch' }).click();
    await panel().getByLabel('Conversations file (JSONL)').setInputFiles(jsonl);
    const chart = panel().getByRole('img', { name: /guidance 15 to 25 percent/ });
    await chart.waitFor();
    const label = reason!.replace(/_/g, ' ');
    await chart.getByRole('button', { name: new RegExp(`^${label}: 100\\.0%`) }).click();
    await panel().getByRole('region', { name: `Conversations escalated for ${reason}` }).getByText('long').waitFor();
    await screenshot(page, 'simulator-batch-long');
  });
});
