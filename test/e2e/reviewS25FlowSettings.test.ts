/**
 * Session 25 (review of session 24), in Chromium (screenshots test/e2e/screenshots/reviewS25-*.png, looked at):
 *  - item 2: Flow settings > General > "Reply to thanks after the chat ended" (settings.closedCourtesyMessage): a French
 *    flow that leaves it out shows the warning under it; a line typed there is saved into the flow.
 *  - item 5: Flow settings > Escalation > Urgency shows the built-in self-harm / crisis note, read-only.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('review s25: Flow settings texts in the studio', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, browser, page } = h));

  it('the reply to thanks after the end: warned in French, saved when written; the self-harm note under Urgency', async () => {
    const { key } = await studio.api.createFlow({ template: 'customer-support' });
    await page.goto(studio.url);
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Flow settings' }).click();
    const language = page.getByLabel('Language', { exact: true });
    await language.fill('fr');
    await language.press('Tab');
    const field = page.getByLabel('Reply to thanks after the chat ended');
    expect(await field.inputValue()).toBe("You're welcome! If you need anything else, just write your question here.");
    const box = page.locator('[data-settings-path="$.settings.closedCourtesyMessage"]');
    await box.getByRole('status').filter({ hasText: 'built-in English sentence' }).waitFor({ timeout: 10_000 });
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'reviewS25-closed-courtesy-warning');
    await field.fill('Je vous en prie ! Écrivez-nous ici si vous avez besoin d’autre chose.');
    await field.press('Tab');
    await expect.poll(async () => (await studio.api.openFlow(key)).flow.settings.closedCourtesyMessage, { timeout: 10_000 }).toBe('Je vous en prie ! Écrivez-nous ici si vous avez besoin d’autre chose.');
    await expect.poll(async () => box.getByRole('status').count()).toBe(0);
    await screenshot(page, 'reviewS25-closed-courtesy-french');

    await page.getByRole('tab', { name: 'Escalation' }).click();
    const note = page.getByTestId('self-harm-note');
    await note.scrollIntoViewIfNeeded();
    expect(await note.textContent()).toContain('self-harm / crisis');
    await screenshot(page, 'reviewS25-self-harm-note');
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });
});
