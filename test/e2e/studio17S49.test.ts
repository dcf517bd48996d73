/**
 * Session 49 (studio17), in Chromium on the real studio: newcomer s47's leftovers N5 (a scenario's block expectations
 * picked by canvas names; the file keeps ids), N6 (the Batch tab's example and a bad file's lines named), N7 (a week
 * filled in one click, time zones from a list with search) and N8 (a blank flow's Flow settings speak of no shop).
 * Screenshots: test/e2e/screenshots/studio17-s49-*.png (looked at).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Flow } from '../../shared/flow/schema';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type StudioHandle } from './support/studio';
import type { Page } from 'playwright-core';

const haveChromium = requireProgram('chromium');
const NAME = 'nobody online: no agent, the bot opens a ticket instead';

describe.skipIf(!haveChromium)('session 49 studio17', () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));
  const panel = () => page.getByRole('complementary', { name: 'Simulator' });

  it('N5: reaches is ticked by the blocks\' names; the file keeps ids', async () => {
    const { key } = await studio.api.createFlow({ template: 'customer-support' } as never);
    const file = join(studio.home, 'flows', `${key}.scenarios.json`);
    const steps = () => (JSON.parse(readFileSync(file, 'utf8')) as { scenarios: { name: string; steps: Record<string, any>[] }[] }).scenarios.find((s) => s.name === NAME)!.steps;
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    await panel().getByRole('tab', { name: 'Scenarios' }).click();
    await panel().getByRole('button', { name: new RegExp(NAME) }).click();
    await panel().getByRole('button', { name: 'Edit steps' }).click();
    const editor = panel().getByRole('region', { name: `Edit ${NAME}` });
    await editor.getByRole('button', { name: 'Change expectation reaches of step 3' }).click();
    const group = editor.getByRole('group', { name: 'Value of reaches in step 3' });
    await group.waitFor();
    const ticked = await group.getByRole('checkbox', { checked: true }).evaluateAll((els) => els.map((e) => e.closest('label')!.textContent));
    expect(ticked.length).toBe(2);
    expect(ticked.join(' ')).not.toMatch(/human_agent|ticket_followup/);
    await group.scrollIntoViewIfNeeded();
    await screenshot(page, 'studio17-s49-n5-reaches-picker');
    // Untick the second block and apply: the file holds the first block's id alone.
    await group.getByRole('checkbox', { name: ticked[1]! }).uncheck();
    await editor.locator('li.sim-expectation-edit').getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => steps()[2]!.expect.reaches).toBe('human_agent');
    await screenshot(page, 'studio17-s49-n5-after');
  });

  it('N6: the Batch tab\'s example is the flow\'s; a file with bad lines names them', async () => {
    const { key } = await studio.api.createFlow({ name: 'Spoke and Chain', template: 'customer-support' } as never);
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    await panel().getByRole('tab', { name: 'Batch' }).click();
    const example = (await panel().locator('.sim-batch-example').textContent())!.split('\n');
    expect(example.length).toBe(3);
    await screenshot(page, 'studio17-s49-n6-batch-example');
    await panel().getByLabel('Conversations file (JSONL)').setInputFiles({
      name: 'logs.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(['{"id": "a", "turns": ["hi", {"click": "Order status"}]}', '{"id": "b", "messages": ["hi"]},', '{"id": "c", "turns": "where is my order"}'].join('\n')),
    });
    const alert = panel().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/line 1: turn 2 is not text.*"Order status"\. line 2: not valid JSON: remove the comma at the end/);
    expect(await panel().locator('details.sim-problems').getAttribute('open')).not.toBeNull();
    await screenshot(page, 'studio17-s49-n6-batch-errors');
  });

  it('N7: Fill the week in one click; the time zone list opens on a click and filters as typed', async () => {
    const created = await studio.api.createFlow({ name: 'Bike workshop' });
    const blocks = [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'bh', kind: 'business_hours', label: 'Workshop hours', position: { x: 300, y: 0 }, data: { timezone: 'UTC', weekly: {}, closedDates: [] } },
    ];
    await studio.api.saveFlow(created.key, { ...created.flow, blocks, edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'bh' }] } as unknown as Flow, 0);
    await page.goto(studio.flowUrl(created.key));
    await page.locator('.react-flow__node[data-id="bh"]').click();
    const inspector = page.getByTestId('block-inspector');
    await inspector.getByRole('combobox', { name: 'Fill the week' }).selectOption('weekdays-saturday');
    await expect.poll(() => page.locator('.react-flow__node[data-id="bh"]').textContent()).toMatch(/Mon–Fri/);
    const zone = inspector.getByRole('combobox', { name: 'Time zone' });
    await zone.fill('');
    await zone.pressSequentially('york');
    const list = page.getByRole('listbox', { name: 'Time zones' });
    await list.waitFor();
    expect(await list.getByRole('option').first().textContent()).toMatch(/^America\/New York\s*UTC-[45]$/);
    await page.waitForTimeout(300);
    await screenshot(page, 'studio17-s49-n7-hours');
    await list.getByRole('option').first().click();
    await expect.poll(async () => ((await studio.api.openFlow(created.key)).flow.blocks.find((b) => b.id === 'bh')!.data as { timezone: string }).timezone, { timeout: 10_000 }).toBe('America/New_York');
  });

  it('N8: a blank flow\'s Flow settings name the unanswered-question reply for any business', async () => {
    const { key } = await studio.api.createFlow({ name: 'Clinic desk' });
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click();
    const field = page.getByLabel('Reply to a clear question the bot has no answer for');
    await field.scrollIntoViewIfNeeded();
    expect(await page.getByTestId('flow-settings').textContent()).not.toMatch(/\bshop\b|LED strip/i);
    await screenshot(page, 'studio17-s49-n8-settings');
  });

  it('newcomer s49 N7: a long URL stays inside the HTTP request block', async () => {
    const created = await studio.api.createFlow({ name: 'Job status' });
    const blocks = [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'api', kind: 'http_request', position: { x: 300, y: 0 }, data: { url: 'https://workshop.spokechain.example/api/jobs/{{jobNumber}}?include=parts,labour,notes' } },
      { id: 'msg', kind: 'message', label: 'Job status', position: { x: 600, y: 0 }, data: { text: 'Your bike is {{status}}.' } },
    ];
    await studio.api.saveFlow(created.key, { ...created.flow, blocks, edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'api' }, { id: 'e2', from: 'api', exit: 'success', to: 'msg' }] } as unknown as Flow, 0);
    await page.goto(studio.flowUrl(created.key));
    const text = page.locator('.react-flow__node[data-id="api"] .bn-text');
    await text.waitFor();
    const m = await text.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, title: el.getAttribute('title') }));
    expect(m.scroll).toBeLessThanOrEqual(m.client);
    expect(m.title).toMatch(/\{\{jobNumber\}\}\?include=parts,labour,notes$/);
    await screenshot(page, 'studio17-s49-nc49-n7-url');
  });
});
