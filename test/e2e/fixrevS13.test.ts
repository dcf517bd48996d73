/**
 * fixrev, session 13, in Chromium (real studio server, production renderer):
 * - the Human takeover's lead-in sentences are block settings ("Before the first question", Custom tab, after "Agent
 *   joined message"); a translation typed there is what the simulator's customer reads before the email question;
 * - newcomer s12 #16: the simulator's Chat marks the clarifying question in its bubble.
 * Screenshots: test/e2e/screenshots/fixrev-s13-leadin-fields.png, fixrev-s13-sim-clarify.png (looked at).
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
    await page.locator('.react-flow__node[data-id="human_agent"] .bn-title').click();
    const inspector = page.getByTestId('block-inspector');
    const field = inspector.getByLabel('When the bot did not understand');
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
});
