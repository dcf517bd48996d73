/**
 * Session 9 studio fixes (helper fixstudio) that only a browser shows, on the production pages:
 *  - a long unbroken text in a graduated step box (Flow settings > Escalation) wraps instead of widening the whole
 *    Flow settings panel (seen in the lead's screenshot at the end of session 8: the panel scrolled sideways);
 *  - the Human Takeover inspector says how an urgent handoff is queued (newcomer s8 #34).
 * Screenshots: test/e2e/screenshots/fixstudio9-*.png (looked at).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('session 9 studio fixes (fixstudio)', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, browser, page } = h));

  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

  /** Every ancestor of `selector`'s element that is wider inside than it shows (it scrolls sideways). */
  const sidewaysScrollers = (selector: string) =>
    page.evaluate((sel) => {
      const out: string[] = [];
      for (let el = document.querySelector(sel)?.parentElement ?? null; el; el = el.parentElement) {
        if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${el.scrollWidth}>${el.clientWidth}`);
      }
      return out;
    }, selector);

  it('a long unbroken text in a graduated step box wraps; the Flow settings panel does not scroll sideways', async () => {
    const key = (await studio.api.createFlow({ name: 'Long words' })).key;
    await page.goto(studio.flowUrl(key));
    await node('start').waitFor();
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click(); // session 27: settings open on demand (newcomer s26 F3)
    await page.getByRole('tab', { name: 'Escalation' }).click();
    await page.getByLabel('Mode', { exact: true }).selectOption('graduated');
    const box = page.getByLabel(/Step 1 when the customer is upset/);
    const long = `Sorry${'!'.repeat(20)}https://example.com/help/${'a'.repeat(180)}`;
    await box.fill(long);
    await box.blur();
    const boxWidth = async () => (await box.boundingBox())!.width;
    const panelWidth = await page.evaluate(() => document.querySelector('.st-graduated-texts')!.parentElement!.clientWidth);
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'fixstudio9-long-step-text');
    expect(await sidewaysScrollers('.st-graduated-texts textarea')).toEqual([]);
    expect(await boxWidth()).toBeLessThanOrEqual(panelWidth);
    expect(await box.inputValue()).toBe(long);
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });

  it('a refused step text survives a reload the designer confirms, still red and not saved', async () => {
    const key = (await studio.api.createFlow({ name: 'Refused text' })).key;
    await page.goto(studio.flowUrl(key));
    await node('start').waitFor();
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click(); // session 27: settings open on demand (newcomer s26 F3)
    await page.getByRole('tab', { name: 'Escalation' }).click();
    await page.getByLabel('Mode', { exact: true }).selectOption('graduated');
    const offer = page.getByLabel(/^Step 2: offering a person/);
    const long = `Would you like a person? ${'We are here to help. '.repeat(30)}`.trim();
    await offer.fill(long);
    await page.getByText('Not saved: fix the red field').waitFor();
    // The designer reloads and confirms the browser's "leave the page?" question.
    page.once('dialog', (d) => void d.accept());
    await page.reload();
    await node('start').waitFor();
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click(); // session 27: settings open on demand (newcomer s26 F3)
    await page.getByRole('tab', { name: 'Escalation' }).click();
    await expect.poll(() => offer.inputValue(), { timeout: 10_000 }).toBe(long);
    expect(await offer.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Not saved: fix the red field').waitFor();
    await page.getByText('This is what you typed before leaving the page').scrollIntoViewIfNeeded();
    await screenshot(page, 'fixstudio9-restored-draft');
    expect((await studio.api.openFlow(key)).flow.escalation.texts?.offer).toBeUndefined();
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });

  it('the Human Takeover inspector shows the queue priority of urgent handoffs and lets the designer change it', async () => {
    const created = await studio.api.createFlow({ name: 'Urgent queue' });
    const key = created.key;
    const flow = { ...created.flow, blocks: [...created.flow.blocks, { id: 'desk', kind: 'human_takeover', position: { x: 300, y: 0 }, data: {} }] };
    await studio.api.saveFlow(key, flow as typeof created.flow, 0);
    await page.goto(studio.flowUrl(key));
    await node('desk').click();
    const note = page.getByTestId('takeover-priority-note');
    await note.waitFor();
    expect(await note.textContent()).toMatch(/Queue priority: Normal; Urgent for a chat handed over because the matter is urgent/);
    await page.getByLabel('Priority when urgent').scrollIntoViewIfNeeded();
    await screenshot(page, 'fixstudio9-takeover-priority');
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });

  it('the offer buttons are worded in Flow settings, and the batch verdict counts chats stopped at the handoff questions', async () => {
    const created = await studio.api.createFlow({ template: 'customer-support' });
    await page.goto(studio.flowUrl(created.key));
    await node('start').waitFor();
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click(); // session 27: settings open on demand (newcomer s26 F3)
    await page.getByRole('tab', { name: 'Escalation' }).click();
    await page.getByLabel('Mode', { exact: true }).selectOption('graduated');
    const person = page.getByLabel('Step 2 button: talk to a person');
    await person.fill('Parler à quelqu’un');
    await person.blur();
    await person.scrollIntoViewIfNeeded();
    await screenshot(page, 'fixstudio9-offer-buttons');
    await expect.poll(async () => (await studio.api.openFlow(created.key)).flow.escalation.texts?.personButton, { timeout: 10_000 }).toBe('Parler à quelqu’un');
    // Batch what-if on the immediate flow: c7 handed over, c3 still answering the handoff's questions.
    await page.getByLabel('Mode', { exact: true }).selectOption('immediate');
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    await page.getByRole('tab', { name: 'Batch' }).click();
    const lines = [
      { id: 'c1', turns: ['where is my order', 'NW-104233'] },
      // Session 39 (newcomer s39 N2): a request for a person at the email question now hands over; c3 ends on a wrong email.
      { id: 'c3', turns: ['this is the third time I ask, where is my parcel??', 'useless bot'] },
      { id: 'c4', turns: ['do you ship to canada'] },
      { id: 'c7', turns: ['I want to speak to a human', 'Maria', 'maria@example.com', 'my parcel is lost'] },
    ];
    await page.getByLabel('Conversations file (JSONL)').setInputFiles({ name: 'convs.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')) });
    const band = page.getByTestId('batch-band');
    await band.waitFor({ timeout: 30_000 });
    expect(await band.textContent()).toMatch(/This run is above it/);
    // Newcomer s13 #19: one headline handoff rate (50%: c7 handed over + c3 answering its questions), the split under it.
    expect(await page.getByTestId('batch-handoff-split').textContent()).toMatch(/1 handed over to a person · 1 answering the handoff's questions/);
    await band.scrollIntoViewIfNeeded();
    await screenshot(page, 'fixstudio9-batch-band');
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });
});
