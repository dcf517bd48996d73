/**
 * Session 47 (studio15), in Chromium:
 *  - newcomer s46 N12: in a Message's text, " XYZ" typed then Ctrl+Z took back only "Z" (Chromium's own undo of the
 *    field, a character at a time) and the canvas's Ctrl+Z the rest. Now the same words typed 30 ms and 400 ms apart
 *    are undone the same way in the field: a word per Ctrl+Z (the test fails before the change: one character each).
 * Screenshots: test/e2e/screenshots/s47-studio15-*.png (looked at).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('studio, session 47 (studio15)', () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));

  it('N12: words typed fast or slowly in a Message are undone a word per Ctrl+Z in the field, then Ctrl+Shift+Z redoes them', async () => {
    const created = await studio.api.createFlow({ name: 'Undo while typing' });
    const flow = {
      ...created.flow,
      blocks: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'hello', kind: 'message', position: { x: 320, y: 0 }, data: { text: 'Hello' } },
      ],
      edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'hello' }],
    } as unknown as typeof created.flow;
    await studio.api.saveFlow(created.key, flow, 0);
    await page.goto(studio.flowUrl(created.key));
    await page.locator('.react-flow__node[data-id="hello"]').click();
    const text = page.getByTestId('block-inspector').locator('textarea').first();
    await expect.poll(() => text.inputValue()).toBe('Hello');
    for (const delay of [30, 400]) {
      await text.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' there XYZ', { delay });
      await expect.poll(() => text.inputValue()).toBe('Hello there XYZ');
      const seen: string[] = [];
      for (let i = 0; i < 2; i++) {
        await page.keyboard.press('Control+z');
        await page.waitForTimeout(100);
        seen.push(await text.inputValue());
      }
      expect(seen, `typed ${delay} ms apart`).toEqual(['Hello there ', 'Hello']);
      if (delay === 400) await screenshot(page, 's47-studio15-n12-undone');
      // The caret is where the text came back; Ctrl+Shift+Z redoes a word at a time.
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(() => text.inputValue()).toBe('Hello there ');
      expect(await text.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe('Hello there '.length);
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(() => text.inputValue()).toBe('Hello there XYZ');
      // Back to "Hello" for the next speed, from the canvas this time: the same two steps.
      await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
      await page.keyboard.press('Control+z');
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await studio.api.openFlow(created.key)).flow.blocks.find((b) => b.id === 'hello')?.data, { timeout: 10_000 }).toMatchObject({ text: 'Hello' });
      await page.locator('.react-flow__node[data-id="hello"]').click();
    }
    // The last change made on the canvas (the block moved with an arrow key): Ctrl+Z in the field leaves it, and says so.
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await studio.api.openFlow(created.key)).flow.blocks.find((b) => b.id === 'hello')?.position, { timeout: 10_000 }).toEqual({ x: 330, y: 0 });
    await text.click();
    await page.keyboard.press('Control+z');
    await page.getByText(/Nothing typed in this field to undo\. The last change, “Move block”, was made elsewhere/).waitFor();
    await screenshot(page, 's47-studio15-n12-nothing-here');
    expect(await text.inputValue()).toBe('Hello');
    expect((await studio.api.openFlow(created.key)).flow.blocks.find((b) => b.id === 'hello')?.position).toEqual({ x: 330, y: 0 });
  });
});
