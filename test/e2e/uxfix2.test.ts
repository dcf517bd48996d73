/**
 * Session 6 newcomer findings (helper uxfix2) in the real studio, headless Chromium: the Skyline template's Run
 * popover says the designer is in team 'airport-desk' for the run (#20); its simulator starts with the scenario
 * file's airport-desk agents, so the urgent traveller is handed over (#19). Screenshots: uxfix2-run-notes.png,
 * uxfix2-sim-agents.png, uxfix2-sim-handoff.png under test/e2e/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { openStudioSession, type StudioSession } from '../support/browserHarness';
import { screenshot, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('newcomer s6 #19 and #20 in the studio', () => {
  let session: StudioSession;
  let studio: StudioHandle;
  let page: Page;
  let closeOpened = true;

  beforeAll(async () => {
    session = await openStudioSession();
    ({ studio, page } = session);
    // Run opens the widget and the inbox in new tabs: not needed here.
    session.browser.context.on('page', (p) => void (closeOpened && p.close().catch(() => undefined)));
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });

  it('Skyline: Run names the team the designer is put in; the simulator hands the urgent traveller to Omar', async () => {
    const { key } = await studio.api.createFlow({ template: 'travel-urgency' });
    await page.goto(studio.flowUrl(key));
    await page.getByRole('button', { name: 'Run this flow in a real chat' }).click();
    const pop = page.getByRole('dialog', { name: 'Running flow' });
    const notes = pop.getByRole('list', { name: 'Before you try a handoff' });
    // Run starts the runtime (see the Northwind test): wait for the notes or the error, then say which.
    await notes.or(pop.getByRole('alert')).waitFor({ timeout: 90_000 });
    expect(await pop.innerText()).toMatch(/is live on/);
    expect(await notes.innerText()).toMatch(/in team 'airport-desk'/);
    await screenshot(page, 'uxfix2-run-notes');
    await pop.getByRole('button', { name: 'Stop' }).click();

    await page.getByRole('button', { name: 'Open the simulator' }).click();
    const panel = page.getByRole('complementary', { name: 'Simulator' });
    await panel.getByRole('tab', { name: 'Clock & agents' }).click();
    const agents = panel.getByRole('region', { name: 'Virtual agents' });
    await agents.getByText('Omar').waitFor({ timeout: 15_000 });
    await screenshot(page, 'uxfix2-sim-agents');
    await panel.getByRole('tab', { name: 'Chat' }).click();
    const input = panel.getByLabel('Customer message');
    await input.fill('K7XQ2P');
    await input.press('Enter');
    await input.fill('my flight leaves in 15 minutes and the security queue is huge!!');
    await input.press('Enter');
    await panel.getByText('waiting for an agent').waitFor({ timeout: 15_000 });
    expect(await panel.getByRole('list', { name: 'Transcript' }).innerText()).not.toMatch(/no one from our team is available/i);
    await screenshot(page, 'uxfix2-sim-handoff');
  }, 150_000);

  it('Northwind: the HTTP "Ask me" form starts from the block\'s fields; Batch says how many were still answering; the widget keeps a long message whole', async () => {
    const { key } = await studio.api.createFlow({ template: 'customer-support' });
    await page.goto(studio.flowUrl(key));
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    const panel = page.getByRole('complementary', { name: 'Simulator' });
    await panel.getByRole('button', { name: 'Track my order' }).click();
    const input = panel.getByLabel('Customer message');
    await input.fill('NW-104233');
    await input.press('Enter');
    await panel.getByRole('tab', { name: 'Debug' }).click();
    const body = panel.getByLabel('Response body (JSON)');
    await body.waitFor({ timeout: 15_000 });
    expect(JSON.parse(await body.inputValue())).toEqual({ status: 'orderStatus', eta: 'orderEta' });
    await panel.getByRole('region', { name: 'HTTP requests' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'uxfix2-http-ask-me');

    await panel.getByRole('tab', { name: 'Batch' }).click();
    const lines = [
      { id: 'c1', turns: ['where is my order', 'NW-104233'] },
      // Session 39 (newcomer s39 N2): a request for a person at the email question now hands over; c3 ends on a wrong email.
      { id: 'c3', turns: ['this is the third time I ask, where is my parcel??', 'useless bot'] },
      { id: 'c4', turns: ['do you ship to canada'] },
      { id: 'c7', turns: ['I want to speak to a human', 'Maria', 'maria@example.com', 'my parcel is lost'] },
    ];
    await panel.getByLabel('Conversations file (JSONL)').setInputFiles({ name: 'convs.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')) });
    const note = panel.getByTestId('batch-answering');
    await note.waitFor({ timeout: 30_000 });
    expect(await note.innerText()).toMatch(/counts the 1 conversation that was answering the handoff's questions/);
    await screenshot(page, 'uxfix2-batch-answering');

    const runButton = page.getByRole('button', { name: 'Run this flow in a real chat' });
    await runButton.click();
    const pop = page.getByRole('dialog', { name: 'Running flow' });
    // Run saves the flow, stops the Skyline run of the test before and starts the runtime: about a second here, but
    // more than the 30 s this test used to allow once on a loaded CI machine (fresh clone at 73d10a4), while the button
    // said 'Starting…'. Wait for what the designer sees at the end, the live line or the error, then say which.
    await pop.getByText(/is live on/).or(pop.getByRole('alert')).waitFor({ timeout: 90_000 });
    expect(await pop.innerText()).toMatch(/is live on/);
    const widgetUrl = await pop.locator('a').first().getAttribute('href');
    closeOpened = false;
    const widget = await session.browser.context.newPage();
    try {
      await widget.goto(widgetUrl!);
      const frame = widget.frameLocator('iframe[title]');
      const box = frame.getByLabel('Your message');
      await box.waitFor({ timeout: 20_000 });
      const long = 'the parcel never came and '.repeat(400);
      await box.fill(long);
      await frame.getByText(/the limit is 4,000/).waitFor({ timeout: 10_000 });
      expect((await box.inputValue()).length).toBe(long.length);
      await screenshot(widget, 'uxfix2-widget-long-message');
    } finally {
      await widget.close();
      await pop.getByRole('button', { name: 'Stop' }).click();
    }
  }, 150_000);
});
