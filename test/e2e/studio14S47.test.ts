/**
 * Session 47 (studio14), in Chromium on the real studio: newcomer s46 N6 (opening hours as a week grid), N19 (Simulator ›
 * Batch: a file picker, the format, a sample, saved scenarios as a batch, block names instead of ids) and the N17
 * leftovers (Flow settings' title). Screenshots: test/e2e/screenshots/studio14-s47-*.png (looked at).
 */
import type { Flow } from '../../shared/flow/schema';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type StudioHandle } from './support/studio';
import type { Page } from 'playwright-core';

const haveChromium = requireProgram('chromium');
const nineToFive = [{ from: '09:00', to: '17:00' }];
const HOURS = { timezone: 'Europe/London', weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] }, closedDates: [] };

describe.skipIf(!haveChromium)('session 47 studio14', () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));

  async function flowWith(name: string, blocks: unknown[], edges: unknown[], settings?: Record<string, unknown>): Promise<string> {
    const created = await studio.api.createFlow({ name });
    await studio.api.saveFlow(created.key, { ...created.flow, ...(settings ? { settings: { ...created.flow.settings, ...settings } } : {}), blocks, edges } as unknown as Flow, 0);
    return created.key;
  }
  const blockData = async (key: string, id: string) => (await studio.api.openFlow(key)).flow.blocks.find((b) => b.id === id)!.data as Record<string, any>;

  it('N6: a week grid for opening hours: one row a day, switches, time inputs, copy Monday, midnight, keyboard', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const key = await flowWith(
      'Opening hours',
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'bh', kind: 'business_hours', position: { x: 300, y: 0 }, data: HOURS },
        { id: 'ho', kind: 'human_takeover', position: { x: 300, y: 250 }, data: { assignation: 'custom' } },
      ],
      [{ id: 'e1', from: 'start', exit: 'next', to: 'bh' }],
      { timezone: 'Europe/Paris' },
    );
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node[data-id="bh"]').click();
    const grid = page.locator('.st-week');
    await grid.waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'studio14-s47-n6-business-hours');

    // One row per day, the whole week in about the height one day took before (~300 px).
    expect(await grid.locator('.st-week-day').count()).toBe(7);
    expect((await grid.boundingBox())!.height).toBeLessThan(460);
    // In the browser's clock, as the time inputs show it (headless Chromium: en-US, 12-hour).
    expect(await page.getByTestId('week-summary').textContent()).toMatch(/^Mon–Fri (09:00 AM–05:00 PM|09:00–17:00)$/);
    // Opening the block changed nothing: the file keeps what it had.
    expect((await blockData(key, 'bh')).weekly).toEqual(HOURS.weekly);

    // Every time reads whole in its box, and every day's name beside its switch.
    const cut = await page.locator('.st-week-time').evaluateAll((els) =>
      els
        .map((el) => {
          const i = el as HTMLInputElement;
          const c = document.createElement('canvas').getContext('2d')!;
          const s = getComputedStyle(i);
          c.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
          // The widest time this locale shows (12-hour "12:00 PM" or 24-hour "23:59").
          const wide = Math.max(c.measureText('00:00 PM').width, c.measureText('23:59').width);
          return { label: i.getAttribute('aria-label'), room: i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight), wide };
        })
        .filter((x) => x.room < x.wide),
    );
    expect(cut).toEqual([]);
    const names = await page.locator('.st-week-toggle').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
    expect(names).toEqual([]);

    // Keyboard: Saturday opened with Space on its switch takes Friday's hours; its closing time typed.
    await page.getByRole('switch', { name: 'Open on Saturday' }).focus();
    await page.keyboard.press('Space');
    const satClose = page.getByLabel('Saturday closes at', { exact: true });
    await satClose.waitFor();
    await satClose.fill('13:00');
    await expect.poll(async () => (await blockData(key, 'bh')).weekly.sat).toEqual([{ from: '09:00', to: '13:00' }]);

    // Monday 08:30 to midnight (typed as 00:00, stored as 24:00), then copied to the weekdays: Saturday keeps its own.
    await page.getByLabel('Monday opens at', { exact: true }).fill('08:30');
    await page.getByLabel('Monday closes at', { exact: true }).fill('00:00');
    await page.getByRole('button', { name: 'Copy Monday to weekdays' }).click();
    await expect.poll(async () => (await blockData(key, 'bh')).weekly).toEqual({
      mon: [{ from: '08:30', to: '24:00' }],
      tue: [{ from: '08:30', to: '24:00' }],
      wed: [{ from: '08:30', to: '24:00' }],
      thu: [{ from: '08:30', to: '24:00' }],
      fri: [{ from: '08:30', to: '24:00' }],
      sat: [{ from: '09:00', to: '13:00' }],
      sun: [],
    });

    // Two openings on Tuesday (a lunch break); a closing time before the opening is said on the day's row.
    await page.getByLabel('Tuesday closes at', { exact: true }).fill('12:00');
    await page.getByRole('button', { name: 'Add an opening on Tuesday' }).click();
    await page.getByLabel('Tuesday opens at (2nd opening)').waitFor();
    await expect.poll(async () => (await blockData(key, 'bh')).weekly.tue).toEqual([
      { from: '08:30', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ]);
    await page.getByLabel('Wednesday closes at', { exact: true }).fill('07:00');
    const wed = page.getByRole('group', { name: 'Wednesday' });
    await expect.poll(() => wed.getByRole('alert').textContent()).toContain('Wednesday closes before it opens');
    await wed.scrollIntoViewIfNeeded();
    await screenshot(page, 'studio14-s47-n6-edited');
    // Sunday switched off after being on gets its hours back when switched on again (nothing typed is lost).
    const mon = page.getByRole('switch', { name: 'Open on Monday' });
    await mon.click();
    await expect.poll(async () => (await blockData(key, 'bh')).weekly.mon).toEqual([]);
    await mon.click();
    await expect.poll(async () => (await blockData(key, 'bh')).weekly.mon).toEqual([{ from: '08:30', to: '24:00' }]);

    // The takeover's Availability: null reads "at any hour" (it showed seven empty days, "closed", before).
    await page.keyboard.press('Escape');
    await page.locator('.react-flow__node[data-id="ho"]').click();
    const hours = page.locator('details[data-group="Hours"]');
    await hours.locator('summary').click();
    const anyHour = page.getByRole('radio', { name: 'At any hour (no opening hours)' });
    await anyHour.waitFor();
    expect(await anyHour.isChecked()).toBe(true);
    expect(await hours.locator('.st-week').count()).toBe(0);
    await hours.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'studio14-s47-n6-takeover-any-hour');
    await page.getByRole('radio', { name: 'Only in opening hours' }).check();
    await hours.locator('.st-week').waitFor();
    await expect.poll(async () => (await blockData(key, 'ho')).availability).toEqual({ ...HOURS, timezone: 'Europe/Paris' });
    await hours.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(200);
    await screenshot(page, 'studio14-s47-n6-takeover-hours');
    const cutInTakeover = await hours.locator('.st-week-time').evaluateAll((els) =>
      els.filter((el) => {
        const i = el as HTMLInputElement;
        const c = document.createElement('canvas').getContext('2d')!;
        const s = getComputedStyle(i);
        c.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        return i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) < Math.max(c.measureText('00:00 PM').width, c.measureText('23:59').width);
      }).length,
    );
    expect(cutInTakeover).toBe(0);
  });

  it('N19: Batch: a file picker and drop zone, the format with an example, saved scenarios as a batch, a sample, block names', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const { key } = await studio.api.createFlow({ name: 'Spoke & Chain', template: 'customer-support' } as never);
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    const panel = page.getByRole('complementary', { name: 'Simulator' });
    await panel.getByRole('tab', { name: 'Batch' }).click();
    await panel.getByRole('button', { name: 'Choose a file…' }).waitFor();
    // The template's scenarios file came with the flow: they run as a batch in one click.
    const runSaved = panel.getByRole('button', { name: /^Run my \d+ saved scenarios$/ });
    await runSaved.waitFor();
    // Session 49 (studio17, N6): the example is made from the flow (its first menu's first answer first), one conversation a line.
    expect((await panel.locator('.sim-batch-example').textContent())!.split('\n')).toContain('{"id": "chooses-returns", "turns": ["Returns", "thank you"]}'); // session 50 (newcomer s50 N8): from the flow
    await screenshot(page, 'studio14-s47-n19-batch-empty');

    // Download a sample file: the saved scenarios, one conversation a line, in the format the tab reads.
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download a sample file' }).click()]);
    expect(download.suggestedFilename()).toBe('spoke-and-chain-sample-conversations.jsonl');
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const n = Number(/Run my (\d+)/.exec((await runSaved.textContent())!)![1]);
    expect(lines.length).toBe(n);
    for (const l of lines) expect(l).toEqual({ id: expect.any(String), turns: expect.any(Array) });

    await runSaved.click();
    const stops = panel.getByTestId('batch-drop-offs');
    await stops.waitFor({ timeout: 60_000 });
    expect(await panel.getByText(/^Your \d+ saved scenarios: \d+ conversations/).count()).toBe(1);
    // Blocks by the names the canvas shows, never their ids; each name shows its block.
    const text = await stops.innerText();
    const ids = (await studio.api.openFlow(key)).flow.blocks.map((b) => b.id).filter((id) => /[_-]/.test(id));
    for (const id of ids) expect(text, `the id ${id} is shown`).not.toMatch(new RegExp(`\\b${id}\\b`));
    const first = stops.locator('.sim-block-link').first();
    const name = (await first.textContent())!;
    await stops.scrollIntoViewIfNeeded();
    await screenshot(page, 'studio14-s47-n19-batch-saved-scenarios');
    await first.click();
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(1);
    expect(name.length).toBeGreaterThan(0);

    // A file dropped on the zone is read as one chosen with the button.
    const jsonl = ['{"id":"a","turns":["I want to talk to a human"]}', '{"id":"b","turns":["where is my order"]}'].join('\n');
    const drop = panel.getByTestId('batch-drop');
    const dt = await page.evaluateHandle((t) => {
      const d = new DataTransfer();
      d.items.add(new File([t], 'dropped.jsonl', { type: 'application/x-ndjson' }));
      return d;
    }, jsonl);
    await drop.dispatchEvent('dragover', { dataTransfer: dt });
    await drop.dispatchEvent('drop', { dataTransfer: dt });
    await expect.poll(() => panel.getByText(/^dropped\.jsonl: 2 conversations/).count(), { timeout: 30_000 }).toBe(1);
    expect(await drop.textContent()).toContain('Loaded: dropped.jsonl');
    await screenshot(page, 'studio14-s47-n19-batch-dropped');
  });

  it('N19: with no saved scenario, the sample is made from the flow and the tab says so', async () => {
    const key = await flowWith(
      'Bikes',
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'buttons-1', kind: 'buttons', position: { x: 300, y: 0 }, data: { text: 'What do you need today?', options: [{ id: 'o1', label: 'Book a repair' }, { id: 'o2', label: 'Talk to a mechanic' }] } },
      ],
      [{ id: 'e1', from: 'start', exit: 'next', to: 'buttons-1' }],
    );
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    const panel = page.getByRole('complementary', { name: 'Simulator' });
    await panel.getByRole('tab', { name: 'Batch' }).click();
    await panel.getByTestId('batch-no-scenarios').waitFor();
    expect(await panel.getByRole('button', { name: /Run my/ }).count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download a sample file' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    await panel.getByLabel('Conversations file (JSONL)').setInputFiles({ name: 'sample.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });
    const stops = panel.getByTestId('batch-drop-offs');
    await stops.waitFor({ timeout: 30_000 });
    expect(await stops.innerText()).toContain('Buttons');
    expect(await stops.innerText()).not.toContain('buttons-1');
    await screenshot(page, 'studio14-s47-n19-batch-flow-sample');
  });

  it('N17: Flow settings has a title', async () => {
    const key = await flowWith('Titled', [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }], []);
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click();
    const title = page.getByTestId('flow-settings').getByRole('heading', { name: 'Flow settings' });
    await title.waitFor();
    const t = (await title.boundingBox())!;
    const x = (await page.getByRole('button', { name: 'Close Flow settings' }).boundingBox())!;
    expect(t.x + t.width <= x.x || x.y + x.height <= t.y).toBe(true);
    await screenshot(page, 'studio14-s47-n17-flow-settings');
  });
});
