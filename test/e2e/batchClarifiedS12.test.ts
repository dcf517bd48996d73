/**
 * Review debt s11 in the real studio (headless Chromium): a batch whose conversations end on the bot's clarifying
 * question says so next to the rates, and counts them under low confidence as `baton simulate` does.
 * Screenshot: test/e2e/screenshots/fixstudio12-batch-clarified.png (looked at).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { openStudioSession, simulatorPanel, type StudioSession } from '../support/browserHarness';
import { screenshot, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('Batch: conversations ending on the clarifying question', () => {
  let session: StudioSession;
  let studio: StudioHandle;
  let page: Page;
  let key: string;

  beforeAll(async () => {
    session = await openStudioSession();
    ({ studio, page } = session);
    key = (await studio.api.createFlow({ template: 'customer-support' })).key;
    await page.goto(studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });

  const { panel } = simulatorPanel(() => page);

  it('are counted under low confidence and said apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-batch-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const jsonl = join(dir, 'five.jsonl');
    const conversations = [
      { id: 'v1', turns: ['I have a question about the thing'] },
      { id: 'v2', turns: ['hmm so about that'] },
      { id: 'v3', turns: ['I need help with something', 'where is my order'] },
      { id: 'p', turns: ['I want to speak to a human'] },
      { id: 'o', turns: ['Track my order', 'NW-104233'] },
    ];
    writeFileSync(jsonl, conversations.map((c) => JSON.stringify(c)).join('\n') + '\n');
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    await panel().waitFor();
    await panel().getByRole('tab', { name: 'Batch' }).click();
    await panel().getByLabel('Conversations file (JSONL)').setInputFiles(jsonl);
    const chart = panel().getByRole('img', { name: /guidance 15 to 25 percent/ });
    await chart.waitFor();
    await expect.poll(() => panel().getByTestId('batch-clarified').textContent(), { timeout: 30_000 }).toContain("2 conversations ended on the bot's clarifying question");
    await chart.getByRole('button', { name: /^low confidence: 40\.0%/ }).click();
    await panel().getByRole('region', { name: 'Conversations escalated for low_confidence' }).getByText('v1, v2').waitFor();
    await screenshot(page, 'fixstudio12-batch-clarified');
  });
});
