/**
 * The scenario editor in the real studio (headless Chromium, real studio server, the file on disk checked):
 * drag a step by its handle, move one with the keyboard, insert a step, change an expectation's value (an
 * invalid one refused at the field first), undo with Ctrl+Z, and the edited scenario still passes "Run all";
 * an agent takes over from the bot in the chat and the saved scenario keeps it.
 * Screenshots: test/e2e/screenshots/simulator-editor-{before,insert-refused,refused,after}.png,
 * simulator-takeover-{before,agent}.png (looked at).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { ensureRendererBuilt, openBrowser, screenshot, startStudio, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');
const NAME = 'nobody online: no agent, the bot opens a ticket instead';

describe.skipIf(!haveChromium)('scenario editor in the studio', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  let file: string;

  beforeAll(async () => {
    ensureRendererBuilt();
    studio = await startStudio();
    browser = await openBrowser();
    page = browser.page;
    const key = (await studio.api.createFlow({ template: 'customer-support' })).key;
    file = join(studio.home, 'flows', `${key}.scenarios.json`);
    await page.goto(studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node');
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  const panel = () => page.getByRole('complementary', { name: 'Simulator' });
  const onDisk = () => (JSON.parse(readFileSync(file, 'utf8')) as { scenarios: { name: string; steps: Record<string, unknown>[] }[] }).scenarios.find((s) => s.name === NAME)!.steps;
  const saysOnDisk = () => onDisk().map((s) => (typeof s.say === 'string' ? s.say : Object.keys(s)[0]));

  it('reorders (drag and keyboard), inserts, changes a value, undoes; the file follows and the scenario still passes', async () => {
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    await panel().waitFor();
    await panel().getByRole('tab', { name: 'Scenarios' }).click();
    await panel().getByRole('button', { name: new RegExp(NAME) }).click();
    await panel().getByRole('button', { name: 'Edit steps' }).click();
    const editor = panel().getByRole('region', { name: `Edit ${NAME}` });
    await editor.waitFor();
    await editor.scrollIntoViewIfNeeded();
    await screenshot(page, 'simulator-editor-before');
    const original = onDisk();
    expect(saysOnDisk()).toEqual(['nobodyOnline', 'I want to speak to a human', 'expect', 'sam@example.com', 'My parcel NW-104233 never arrived', 'expect']);

    // Drag step 5's handle onto step 4: the two customer turns swap, in the file.
    await editor.getByTitle('Drag step 5 to move it').dragTo(editor.locator('[data-step="3"]'));
    await panel().getByText('Moved step 5 to position 4.').waitFor();
    expect(saysOnDisk().slice(3, 5)).toEqual(['My parcel NW-104233 never arrived', 'sam@example.com']);

    // Keyboard only: focus "Move step 4 down", press Enter; the focus follows the step, Space moves it back up.
    await editor.getByRole('button', { name: 'Move step 4 down' }).focus();
    await page.keyboard.press('Enter');
    await panel().getByText('Moved step 4 down (now step 5).').waitFor();
    expect(saysOnDisk().slice(3, 5)).toEqual(['sam@example.com', 'My parcel NW-104233 never arrived']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move step 5 down');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    await panel().getByText('Moved step 5 up (now step 4).').waitFor();
    expect(saysOnDisk().slice(3, 5)).toEqual(['My parcel NW-104233 never arrived', 'sam@example.com']);

    // Ctrl+Z (focus in the editor, not in a field) undoes the three moves one by one, newest first.
    await page.keyboard.press('Control+z');
    await panel().getByText(/^Undone: Moved step 5 up/).waitFor();
    await expect.poll(() => saysOnDisk().slice(3, 5)).toEqual(['sam@example.com', 'My parcel NW-104233 never arrived']);
    await page.keyboard.press('Control+z');
    await panel().getByText(/^Undone: Moved step 4 down/).waitFor();
    await expect.poll(() => saysOnDisk().slice(3, 5)).toEqual(['My parcel NW-104233 never arrived', 'sam@example.com']);
    await page.keyboard.press('Control+z');
    await panel().getByText(/^Undone: Moved step 5 to position 4/).waitFor();
    await expect.poll(() => JSON.stringify(onDisk())).toBe(JSON.stringify(original));
    await expect.poll(() => editor.getByRole('button', { name: 'Undo', exact: true }).isDisabled()).toBe(true);

    // Insert an expectation after step 1: the bot is in charge before the customer says anything.
    await editor.getByRole('button', { name: 'Insert a step after step 1' }).click();
    const form = editor.getByRole('group', { name: 'Insert a step' });
    await form.getByLabel('Step', { exact: true }).selectOption('expect');
    await form.getByLabel('Expectation').selectOption('mode');
    await form.getByLabel('New step: value of mode').fill('robot');
    await form.getByRole('button', { name: 'Insert step' }).click();
    await form.getByRole('alert').getByText('"robot" is not a valid "mode". "mode" takes bot, waiting, agent or closed.').waitFor();
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'simulator-editor-insert-refused');
    expect(onDisk()).toHaveLength(6);
    await form.getByLabel('New step: value of mode').fill('bot');
    await form.getByRole('button', { name: 'Insert step' }).click();
    await panel().getByText('as step 2.').waitFor();
    expect(onDisk()[1]).toEqual({ expect: { mode: 'bot' } });

    // Change the value of the last expectation's botSays: a bad regex is refused at the field, then a good value.
    await editor.getByRole('button', { name: 'Change expectation botSays of step 7' }).click();
    const field = editor.getByLabel('Value of botSays in step 7');
    await field.fill('/opened (ticket/');
    await field.press('Enter');
    await editor.getByRole('alert').getByText(/cannot be used/).waitFor();
    await field.scrollIntoViewIfNeeded();
    await screenshot(page, 'simulator-editor-refused');
    expect(onDisk()[6]).toEqual(original[5]);
    await field.fill('/opened ticket T-\\w+/');
    await field.press('Enter');
    await panel().getByText(/Step 7 now expects botSays/).waitFor();
    expect((onDisk()[6].expect as { botSays: string }).botSays).toBe('/opened ticket T-\\w+/');

    // The edited scenario replays green against the flow.
    await panel().getByRole('button', { name: 'Run all' }).click();
    const row = panel().getByRole('button', { name: new RegExp(NAME) });
    await expect.poll(async () => (await row.textContent()) ?? '').toMatch(/^PASS/);
    await editor.scrollIntoViewIfNeeded();
    await screenshot(page, 'simulator-editor-after');
  });

  it('takes over from the bot in the chat, and "Save as scenario" writes the takeover step', async () => {
    await panel().getByRole('button', { name: 'Restart' }).click();
    await panel().getByRole('tab', { name: 'Chat' }).click();
    const input = panel().getByLabel('Customer message');
    await input.fill('Track my order');
    await input.press('Enter');
    const row = panel().getByRole('region', { name: 'Take over' });
    await row.getByLabel('Take over as').selectOption('Ben');
    await screenshot(page, 'simulator-takeover-before');
    await row.getByRole('button', { name: 'Take over' }).click();
    await panel().getByText('Ben from the team joined the conversation.').waitFor();
    await panel().getByLabel('Agent reply').fill('Hi, Ben here.');
    await panel().getByRole('button', { name: 'Reply', exact: true }).click();
    await screenshot(page, 'simulator-takeover-agent');
    await panel().getByRole('tab', { name: 'Scenarios' }).click();
    await panel().getByLabel('Scenario name').fill('e2e: Ben takes over');
    await panel().getByRole('button', { name: 'Save as scenario' }).click();
    await panel().getByText(/Saved "e2e: Ben takes over"/).waitFor();
    const saved = (JSON.parse(readFileSync(file, 'utf8')) as { scenarios: { name: string; steps: unknown[] }[] }).scenarios.find((s) => s.name === 'e2e: Ben takes over')!;
    expect(saved.steps.slice(0, 3)).toEqual([{ say: 'Track my order' }, { agent: 'takeover', as: 'Ben' }, { agent: 'say', text: 'Hi, Ben here.' }]);
  });
});
