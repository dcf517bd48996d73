/**
 * newcomer s7 #12/#13/#19 in a real browser (helper fixer3): Flow settings > Escalation in graduated mode shows the
 * steps' texts; a long topic phrase list is shown whole in a growing box; the simulator's debug drawer shows the
 * negative sentiment with its sign. Screenshots: test/e2e/screenshots/fixer3-*.png (looked at).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('newcomer s7 studio fixes', () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));

  it('graduated texts, a growing phrase box, and debug figures with their sign', async () => {
    const key = (await studio.api.createFlow({ template: 'customer-support' })).key;
    await page.goto(studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node');
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click(); // session 27: settings open on demand (newcomer s26 F3)
    await page.getByRole('tab', { name: 'Escalation' }).click();
    await page.getByLabel('Mode', { exact: true }).selectOption('graduated');
    const box = page.getByRole('group', { name: 'What the bot says at each step' });
    await box.waitFor();
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'fixer3-graduated-texts');

    const topic = page.locator('[data-signal="sensitiveTopics"] [data-item="1"]');
    const phrases = topic.getByLabel('Phrases');
    await phrases.scrollIntoViewIfNeeded();
    const oneLine = (await phrases.boundingBox())!.height;
    await phrases.fill('refund, money back, reimbursement, chargeback, return my money, cancel and refund, refund status, partial refund, store credit, warranty claim');
    await page.keyboard.press('Tab');
    const grown = (await phrases.boundingBox())!.height;
    expect(grown).toBeGreaterThan(oneLine * 2);
    await phrases.scrollIntoViewIfNeeded();
    await screenshot(page, 'fixer3-topic-phrases');

    await page.getByRole('button', { name: 'Open the simulator' }).click();
    const panel = page.getByRole('complementary', { name: 'Simulator' });
    const input = panel.getByLabel('Customer message');
    await input.fill('this is ridiculous, I have been waiting for an hour and nobody helps');
    await input.press('Enter');
    await panel.getByRole('tab', { name: 'Debug' }).click();
    const decisions = panel.getByLabel('Escalation decisions');
    await expect.poll(() => decisions.textContent()).toMatch(/sentiment -0\.\d+ \/ fires at or below -0\.5/);
    expect(await decisions.textContent()).toContain('acknowledge (negative sentiment)');
    await screenshot(page, 'fixer3-debug-figures');
    await panel.getByRole('tab', { name: 'Chat' }).click();
    await expect.poll(() => panel.getByRole('list', { name: 'Transcript' }).textContent()).toContain('Sorry about that. Can you tell me a bit more so I can help?');
    await screenshot(page, 'fixer3-sim-acknowledge');
  });
});
