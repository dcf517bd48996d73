/**
 * fixrev, session 13, in Chromium (real studio server, production renderer):
 * - the Human takeover's lead-in sentences are block settings ("Before the first question", Custom tab, after "Agent
 *   joined message"); a translation typed there is what the simulator's customer reads before the email question;
 * - newcomer s12 #16: the simulator's Chat marks the clarifying question in its bubble.
 * - newcomer s13 #1/#2: Flow settings > Hand over to shows its warning; the takeover inspector says escalations go
 *   nowhere yet and "Send escalations here" fixes it.
 * Screenshots: test/e2e/screenshots/fixrev-s13-leadin-fields.png, fixrev-s13-sim-clarify.png,
 * fixrev-s13-handover-warning.png, fixrev-s13-takeover-note.png (looked at).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { openStudioSession, simulatorPanel, type StudioSession } from '../support/browserHarness';
import { screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const FRENCH = "Je ne suis pas sûr de pouvoir vous aider moi-même : je vous passe une personne.";

describe.skipIf(!haveChromium)('fixrev s13: lead-in settings and the clarifying question in the simulator', () => {
  let session: StudioSession;
  let page: Page;

  beforeAll(async () => {
    session = await openStudioSession();
    page = session.page;
    const key = (await session.studio.api.createFlow({ template: 'customer-support' })).key;
    await page.goto(session.studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });

  const { panel, transcript, say } = simulatorPanel(() => page);

  it('the lead-in is edited in the takeover inspector and said in the simulator; the clarifying question is marked', async () => {
    const inspector = page.getByTestId('block-inspector');
    const field = inspector.getByLabel('When the bot did not understand');
    // The canvas may still be settling its first view when the nodes appear (a click then lands beside the block: seen
    // 1 run in 3 at 52b2b01 and after, session 17): click until the block's inspector is open.
    await expect
      .poll(
        async () => {
          await page.locator('.react-flow__node[data-id="human_agent"] .bn-title').click();
          return field.count();
        },
        { timeout: 20_000, intervals: [300, 600, 1000] },
      )
      .toBeGreaterThan(0);
    // Session 39 (newcomer s39 N15): the Custom tab's fields are in folding groups; the lead-in is under Messages.
    const messages = inspector.locator('details[data-group="Messages"]');
    if (!(await messages.evaluate((d) => (d as HTMLDetailsElement).open))) await messages.locator('summary').click();
    await field.scrollIntoViewIfNeeded();
    await expect.poll(() => field.inputValue()).toBe("I don't think I can help with this myself, so I'll get a person for you.");
    await field.fill(FRENCH);
    await field.blur();
    await inspector.getByText('Before the first question').scrollIntoViewIfNeeded();
    await screenshot(page, 'fixrev-s13-leadin-fields');

    await page.getByRole('button', { name: 'Open the simulator' }).click();
    await panel().waitFor();
    await panel().getByRole('group', { name: 'Buttons' }).getByRole('button', { name: 'Something else' }).click();
    await say('umm the thing from before');
    const mark = transcript().getByText(/Clarifying question · a second unclear message hands over/);
    await mark.waitFor();
    expect(await mark.count()).toBe(1);
    await screenshot(page, 'fixrev-s13-sim-clarify');
    await say('still the thing');
    await transcript().getByText(FRENCH).waitFor();
    expect(session.browser.errors, 'uncaught errors in the page').toEqual([]);
  });

  it('an empty Hand over to is warned at the field; the takeover inspector sends escalations to itself', async () => {
    const created = await session.studio.api.createFlow({ name: 'Own flow' });
    const start = created.flow.blocks.find((b) => b.kind === 'start')!.id;
    const flow = {
      ...created.flow,
      blocks: [
        ...created.flow.blocks.filter((b) => b.kind === 'start'),
        { id: 'human_takeover_1', kind: 'human_takeover', position: { x: 300, y: 0 }, data: {} },
        { id: 'end_1', kind: 'end', position: { x: 600, y: 0 }, data: { text: 'Bye' } },
      ],
      edges: [
        { id: 'e1', from: start, exit: 'next', to: 'human_takeover_1' },
        { id: 'e2', from: 'human_takeover_1', exit: 'resolved', to: 'end_1' },
        { id: 'e3', from: 'human_takeover_1', exit: 'no_agent', to: 'end_1' },
        { id: 'e4', from: 'human_takeover_1', exit: 'timeout', to: 'end_1' },
      ],
    } as unknown as typeof created.flow;
    const opened = await session.studio.api.openFlow(created.key);
    await session.studio.api.saveFlow(created.key, flow, opened.journalSeq, { baseRevision: opened.revision });
    await page.goto(session.studio.flowUrl(created.key));
    await page.waitForSelector('.react-flow__node');
    await page.locator('.react-flow__node[data-id="human_takeover_1"]').click();
    const note = page.getByTestId('takeover-escalation-note');
    await expect.poll(() => note.textContent()).toContain('Escalations go nowhere yet');
    await screenshot(page, 'fixrev-s13-takeover-note');
    await note.getByRole('button', { name: 'Send escalations here' }).click();
    await expect.poll(() => note.textContent()).toContain('Escalations come here');
    await page.keyboard.press('Control+z');
    await expect.poll(() => note.textContent()).toContain('Escalations go nowhere yet');
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click(); // session 27: settings open on demand (newcomer s26 F3)
    await page.getByRole('tab', { name: 'Escalation' }).click();
    const field = page.locator('[data-settings-path="$.escalation.targetBlockId"]');
    await expect.poll(() => field.getAttribute('data-tone')).toBe('warning');
    expect(await field.getByRole('status').textContent()).toContain('Hand over to is empty');
    await screenshot(page, 'fixrev-s13-handover-warning');
  });
});

