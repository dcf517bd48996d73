/**
 * fixbot, session 12, the studio screens whose words changed (headless Chromium, real studio server):
 * - newcomer s12 #19: a flow with a Human takeover on the canvas but none chosen in Flow settings > Escalation > Hand
 *   over to: the problem names that setting and the block (was: "has no Human takeover block to hand conversations to");
 * - #21: the takeover's Simple tab says agents pick the chat up from Unassigned (was: "Hands over at once to...").
 * Screenshots: test/e2e/screenshots/fixbot-s12-studio-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { requireProgram } from '../support/requireProgram';
import { openStudioSession, type StudioSession } from '../support/browserHarness';
import { screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('fixbot s12: studio words for the takeover', () => {
  let session: StudioSession;
  let page: Page;
  let key: string;

  beforeAll(async () => {
    session = await openStudioSession();
    page = session.page;
    const created = await session.studio.api.createFlow({ name: 'Own flow' });
    key = created.key;
    const flow = {
      ...created.flow,
      blocks: [
        ...created.flow.blocks.filter((b) => b.kind === 'start'),
        { id: 'human_takeover_1', kind: 'human_takeover', position: { x: 300, y: 0 }, data: {} },
        { id: 'end_1', kind: 'end', position: { x: 600, y: 0 }, data: { text: 'Bye' } },
      ],
      edges: [
        { id: 'e1', from: created.flow.blocks.find((b) => b.kind === 'start')!.id, exit: 'next', to: 'human_takeover_1' },
        { id: 'e2', from: 'human_takeover_1', exit: 'resolved', to: 'end_1' },
        { id: 'e3', from: 'human_takeover_1', exit: 'no_agent', to: 'end_1' },
        { id: 'e4', from: 'human_takeover_1', exit: 'timeout', to: 'end_1' },
      ],
    } as unknown as Flow;
    const opened = await session.studio.api.openFlow(key);
    await session.studio.api.saveFlow(key, flow, opened.journalSeq, { baseRevision: opened.revision });
    await page.goto(session.studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node');
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });

  it('#19 names the empty setting and the block; #21 the Simple tab says agents pick it up from Unassigned', async () => {
    await page.locator('.st-problems-toggle').click();
    // Session 46 (studio10, retest-studio s45 L3): a block is named by its title in “…” (was its id in '…').
    await page.getByText("Escalation is on, but Flow settings > Escalation > Hand over to is empty, so escalations reach no one: choose “Human takeover”, the flow's Human takeover block.").waitFor({ timeout: 10_000 });
    expect(await page.getByText(/has no Human takeover block to hand conversations to/).count()).toBe(0);
    await screenshot(page, 'fixbot-s12-studio-no-target');
    await page.getByRole('button', { name: 'Close problems' }).click();
    await page.locator('.react-flow__node', { hasText: 'Human takeover' }).first().click();
    await page.getByText('Puts the chat in the inbox at once, under Unassigned: an agent you allow (or of a team you allow) picks it up.').waitFor({ timeout: 10_000 });
    await screenshot(page, 'fixbot-s12-studio-simple-tab');
  });
});
