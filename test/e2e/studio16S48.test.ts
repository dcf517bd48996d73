/**
 * Session 48 (studio16), in Chromium on the real studio: newcomer s47 N2 (HTTP request's new "Save from the reply" row),
 * N3 (a Condition rule's variable list opens on a click; the canvas says "is"), N9 (hours in another zone than the
 * flow's: a warning) and studio14's leftover (the canvas's Business hours in words).
 * Screenshots: test/e2e/screenshots/studio16-s48-*.png (looked at).
 */
import type { Flow } from '../../shared/flow/schema';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type StudioHandle } from './support/studio';
import type { Page } from 'playwright-core';

const haveChromium = requireProgram('chromium');
const nine = [{ from: '09:00', to: '17:00' }];

describe.skipIf(!haveChromium)('session 48 studio16', () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));

  it('N2, N3, N9 and the Business hours node in the real studio', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const created = await studio.api.createFlow({ name: 'Bike repairs' });
    const blocks = [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'q', kind: 'question', position: { x: 250, y: 0 }, data: { text: 'Which bike?', variable: 'bikeType' } },
      { id: 'cond', kind: 'condition', position: { x: 500, y: 0 }, data: { combinator: 'and', rules: [] } },
      { id: 'api', kind: 'http_request', position: { x: 750, y: 0 }, data: { url: 'http://127.0.0.1:4885/repairs/1' } },
      { id: 'bh', kind: 'business_hours', label: 'Workshop hours', position: { x: 500, y: 250 }, data: { timezone: 'Europe/London', weekly: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine, sat: [{ from: '09:00', to: '13:00' }], sun: [] }, closedDates: [] } },
    ];
    const edges = [
      { id: 'e1', from: 'start', exit: 'next', to: 'q' },
      { id: 'e2', from: 'q', exit: 'next', to: 'cond' },
      { id: 'e3', from: 'cond', exit: 'true', to: 'api' },
      { id: 'e4', from: 'cond', exit: 'false', to: 'bh' },
    ];
    await studio.api.saveFlow(created.key, { ...created.flow, blocks, edges } as unknown as Flow, 0);
    await page.goto(studio.flowUrl(created.key));

    // N3: Add rule starts on bikeType; clicking the field opens the flow's variables.
    await page.locator('.react-flow__node[data-id="cond"]').click();
    await page.getByRole('button', { name: /Add rule/ }).click();
    const field = page.getByRole('combobox', { name: 'Rule 1 variable' });
    expect(await field.inputValue()).toBe('bikeType');
    await page.getByRole('textbox', { name: 'Rule 1 value' }).fill('e-bike');
    await field.click();
    const list = page.getByRole('listbox', { name: "The flow's variables" });
    await list.waitFor();
    expect(await list.getByRole('option').first().textContent()).toBe('bikeType');
    await page.waitForTimeout(300);
    await screenshot(page, 'studio16-s48-n3-rule-picker');
    await page.keyboard.press('Escape');
    expect(await page.locator('.react-flow__node[data-id="cond"]').textContent()).toContain('bikeType is “e-bike”');

    // N2: a new "Save from the reply" row is empty with a placeholder; the block says what is missing.
    // (Session 49, studio17: this block stands wholly under the inspector here. Playwright's click scrolled React Flow's
    // wrapper to reach it and React Flow scrolled it back; when that came between the mouse's down and up the click went
    // to the blocks' layer (seen in CI and reproduced: 1 click in 6 lost). No user can click there; a click on a block's
    // visible part was never lost (5 of 5). The view is fitted first, then ONE click must select it.)
    await clickBlock(page, 'api');
    await page.getByRole('button', { name: 'Add save from the reply' }).click();
    const variable = page.getByTestId('block-inspector').getByRole('combobox', { name: 'Variable' });
    expect(await variable.inputValue()).toBe('');
    expect(await variable.getAttribute('placeholder')).toBe('replyStatus'); // session 50 (newcomer s50 N8)
    await page.waitForTimeout(500);
    await screenshot(page, 'studio16-s48-n2-http-row');
    expect(await page.getByTestId('block-inspector').textContent()).toContain('has no variable to save into');

    // N9 + Business hours node: the flow is UTC, the block Europe/London.
    await clickBlock(page, 'bh');
    expect(await page.locator('.react-flow__node[data-id="bh"]').textContent()).toContain('Mon–Fri');
    expect(await page.getByTestId('block-inspector').textContent()).toContain("the flow's time zone is UTC");
    await screenshot(page, 'studio16-s48-n9-zone');
  });
});

/**
 * Clicks a block as a user can: at its centre, when the block is on top there (else Fit View first, which fits the flow
 * beside the inspector), with the mouse at that point; one click must open its inspector.
 */
async function clickBlock(page: Page, id: string): Promise<void> {
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  const centre = async () => {
    const b = (await node.boundingBox())!;
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  };
  const onTop = async () => {
    const c = await centre();
    return page.evaluate(({ x, y, id }) => document.elementFromPoint(x, y)?.closest('.react-flow__node')?.getAttribute('data-id') === id, { ...c, id });
  };
  if (!(await onTop())) {
    await page.getByRole('button', { name: 'Fit View' }).click();
    await expect.poll(onTop, { timeout: 10_000 }).toBe(true);
    await page.waitForTimeout(400);
  }
  const c = await centre();
  await page.mouse.click(c.x, c.y);
  await page.locator(`[data-testid="block-inspector"][data-block-id="${id}"]`).waitFor({ timeout: 10_000 });
}
