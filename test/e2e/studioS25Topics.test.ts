/**
 * Session 25 (helper studio), in the real browser studio (newcomer s24 #4, #5):
 * - Flow settings › Escalation › Sensitive topics: the topics are numbered, and a problem row focuses the one part at
 *   fault (the Phrases box of topic 3 with "order" selected; topic 10's Name), outlined alone;
 * - a file with an empty urgency phrase is refused on import with every problem of its policy listed at once;
 * - the simulator's handover line for anger says how negative on which scale; Debug names the takeover block by its
 *   title (newcomer s24 #7).
 * Screenshots: test/e2e/screenshots/studio25-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { requireProgram } from '../support/requireProgram';
import { openStudioSession, simulatorPanel, type StudioSession } from '../support/browserHarness';
import { screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('Flow settings › Escalation problems at their field (session 25, studio)', () => {
  let session: StudioSession;
  let page: Page;

  beforeAll(async () => {
    session = await openStudioSession();
    page = session.page;
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });

  const row = async (text: RegExp) => {
    const panel = page.getByRole('region', { name: 'Problems' });
    if (!(await panel.isVisible().catch(() => false))) await page.locator('.st-problems-toggle').click();
    await panel.getByText(text).first().click();
  };
  const active = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLTextAreaElement | HTMLInputElement | null;
      return {
        path: el?.closest('[data-settings-path]')?.getAttribute('data-settings-path') ?? null,
        selected: el && 'selectionStart' in el && el.selectionStart !== null ? el.value.slice(el.selectionStart, el.selectionEnd ?? 0) : null,
      };
    });

  it('topics are numbered; a phrase problem focuses and outlines that topic\'s Phrases alone', async () => {
    const { key, flow } = await session.studio.api.createFlow({ template: 'customer-support' });
    const esc = flow.escalation;
    const topics = esc.sensitiveTopics.topics.map((t, i) => (i === 2 ? { ...t, phrases: [...t.phrases, 'order'] } : t));
    const edited = {
      ...flow,
      escalation: { ...esc, neverTrigger: [...esc.neverTrigger, 'I.'], sensitiveTopics: { ...esc.sensitiveTopics, topics: [...topics, { ...topics[0], phrases: ['store credit'] }] } },
    } as Flow;
    await session.studio.api.saveFlow(key, edited, 0);
    await page.goto(session.studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node');
    const n = edited.escalation.sensitiveTopics.topics.length;

    await row(/The phrase “order” of sensitive topic/);
    await page.getByRole('group', { name: 'Topic 3' }).waitFor();
    await expect.poll(active).toEqual({ path: '$.escalation.sensitiveTopics.topics[2].phrases', selected: 'order' });
    await screenshot(page, 'studio25-topic-phrase');
    const toned = await page.locator('[data-signal="sensitiveTopics"] [data-tone]').evaluateAll((els) => els.map((e) => e.getAttribute('data-settings-path')));
    expect(toned.sort()).toEqual(['$.escalation.sensitiveTopics.topics[2].phrases', `$.escalation.sensitiveTopics.topics[${n - 1}].name`].sort());
    // Only the Phrases box of topic 3 is drawn in the warning colour, not its Name.
    const border = (path: string) => page.locator(`[data-settings-path="${path}"] :is(input, textarea)`).first().evaluate((e) => getComputedStyle(e).borderTopColor);
    expect(await border('$.escalation.sensitiveTopics.topics[2].phrases')).not.toBe(await border('$.escalation.sensitiveTopics.topics[2].name'));
    expect(await border('$.escalation.sensitiveTopics.topics[2].name')).toBe(await border('$.escalation.sensitiveTopics.topics[1].name'));

    await row(new RegExp(`Sensitive topics 1 and ${n} are both called`));
    await expect.poll(active).toMatchObject({ path: `$.escalation.sensitiveTopics.topics[${n - 1}].name` });
    expect(await page.getByRole('group', { name: `Topic ${n}` }).locator('.st-list-number').textContent()).toBe(`Topic ${n}`);
    await screenshot(page, 'studio25-topic-duplicate-name');

    await row(/The Never trigger entry [“"]I\.[”"] is the one-character word/);
    await expect.poll(active).toEqual({ path: '$.escalation.neverTrigger', selected: 'I.' });
    await screenshot(page, 'studio25-never-trigger-entry');
    expect(session.browser.errors, 'uncaught errors in the page').toEqual([]);
  });

  it('a file with an empty urgency phrase is refused with every problem listed', async () => {
    const { flow } = await session.studio.api.createFlow({ template: 'customer-support' });
    const esc = flow.escalation;
    const file = {
      ...flow,
      id: 'broken-northwind',
      name: 'Broken Northwind',
      escalation: {
        ...esc,
        urgency: { ...esc.urgency, phrases: [...esc.urgency.phrases, ''] },
        negativeSentiment: { ...esc.negativeSentiment, phrases: ['!!!'] },
        neverTrigger: [...esc.neverTrigger, 'I.'],
        sensitiveTopics: { ...esc.sensitiveTopics, topics: [...esc.sensitiveTopics.topics, { ...esc.sensitiveTopics.topics[0], phrases: ['store credit'] }] },
      },
    };
    await page.goto(session.studio.url);
    await page.getByTestId('import-input').setInputFiles({ name: 'broken-northwind.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file, null, 2)) });
    const alert = page.getByRole('alert', { name: 'Import failed' });
    await alert.waitFor();
    await screenshot(page, 'studio25-import-all-problems');
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('must not be empty');
    expect(text).toContain('has no letter or digit');
    expect(text).toContain('the one-character word "i"');
    expect(text).toMatch(/Sensitive topics 1 and \d+ are both called "refunds"/);
    expect(session.browser.errors, 'uncaught errors in the page').toEqual([]);
  });

  it('anger: the Chat line in words, Debug names the takeover block by its title', async () => {
    const { panel, transcript, say } = simulatorPanel(() => page);
    const { key } = await session.studio.api.createFlow({ template: 'customer-support' });
    await page.goto(session.studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node');
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    await panel().waitFor();
    await expect.poll(() => transcript().locator('li').count()).toBeGreaterThan(0);
    await say('this is the worst, most useless shop ever, I am furious');
    const why = transcript().locator('[data-testid="handover-why"]');
    await why.waitFor();
    await screenshot(page, 'studio25-chat-anger');
    const line = (await why.textContent()) ?? '';
    // Session 29 (newcomer s28 N2): one plain sentence in Chat; how negative and which setting it met is in Debug.
    expect(line).toMatch(/Handed over: the customer is upset/);
    expect(line).not.toMatch(/scale|threshold|weight/);
    await why.getByRole('button', { name: 'Signals in Debug' }).click();
    const collecting = panel().getByTestId('takeover-collecting');
    await collecting.waitFor();
    await screenshot(page, 'studio25-debug-title');
    expect(await collecting.textContent()).toContain('The block “Customer service team” is asking for the customer');
    expect(session.browser.errors, 'uncaught errors in the page').toEqual([]);
  });
});
