/**
 * fixui, session 15, in Chromium (screenshots test/e2e/screenshots/fixui15-*.png, looked at):
 *  - newcomer s14 #15: values tried in Flow settings > Language made a version each, and the version's diff showed
 *    paths and raw JSON; now one version for the run, fields in the inspector's words.
 *  - brief item 6: a window whose flow was trashed in another window said why twice (banner and inspector).
 *  - newcomer s15 N#6: a tel: link in an agent's bubble broke inside the number in a narrow widget.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('fixui s15 in the studio and the widget', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, browser, page } = h));

  it('newcomer s14 #15: five languages tried one after another are one version, its diff in words', async () => {
    const { key, flow } = await studio.api.createFlow({ template: 'customer-support' });
    await page.goto(studio.url);
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Flow settings' }).click();
    const language = page.getByLabel('Language', { exact: true });
    for (const tag of ['fr', 'de', 'es', 'it', 'nl']) {
      await language.fill(tag);
      await language.press('Tab');
      await expect.poll(async () => (await studio.api.openFlow(key)).flow.settings.language, { timeout: 10_000 }).toBe(tag);
    }
    // The journal holds an edit before the save writes it: wait for the save of the last value.
    await expect.poll(async () => (await studio.api.versions(key))[0]?.revision, { timeout: 10_000 }).toBeGreaterThan(1);
    await expect.poll(async () => (await studio.api.version(key, (await studio.api.versions(key))[0]!.revision)).flow.settings.language, { timeout: 10_000 }).toBe('nl');
    const versions = await studio.api.versions(key);
    expect(versions.filter((v) => /language/.test(v.summary)), 'one version for the five values').toHaveLength(1);
    await page.getByRole('button', { name: 'Version history' }).click();
    const list = page.getByRole('list', { name: 'Versions' });
    await list.getByRole('button').first().waitFor();
    const before = versions[1]!.revision;
    await list.getByRole('button', { name: new RegExp(`Version ${before}\\b`) }).click();
    const detail = page.getByRole('region', { name: `Version ${before}` });
    const row = detail.getByRole('row').filter({ hasText: 'Language' });
    await row.waitFor();
    expect(await row.textContent()).toBe(`Languagenl${flow.settings.language}`);
    expect(await detail.textContent()).not.toContain('settings.language');
    await screenshot(page, 'fixui15-history-one-version');
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });

  it('item 6: trashed in another window: the banner says why, the inspector only points at it', async () => {
    const { key } = await studio.api.createFlow({});
    await page.goto(studio.url);
    await page.goto(studio.flowUrl(key));
    await page.locator('.react-flow__node').first().waitFor();
    await studio.api.deleteFlow(key);
    // Any edit (or the disk check) meets the trashed flow.
    await page.getByRole('button', { name: 'Flow settings' }).click();
    await page.getByLabel('Description', { exact: true }).fill('edited after the trash');
    const banner = page.getByRole('alert').filter({ hasText: 'This window is read-only now' });
    await banner.waitFor({ timeout: 20_000 });
    const note = page.getByRole('complementary', { name: 'Inspector' }).getByRole('note');
    await expect.poll(() => note.textContent()).toBe('Read-only: the banner above says why and what to do.');
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body.match(/restore it from the trash/gi), 'the way back is said once').toHaveLength(1);
    await screenshot(page, 'fixui15-trashed-said-once');
  });

  it('newcomer s15 N#18 / N#8: a big flow opens with Start at the left of the canvas, more of the flow in view (1024 and 1440 px)', async () => {
    const { key } = await studio.api.createFlow({ template: 'customer-support' });
    for (const [w, h] of [
      [1024, 768],
      [1440, 900],
    ] as const) {
      const p = await browser.context.newPage();
      await p.setViewportSize({ width: w, height: h });
      await p.goto(studio.url);
      await p.goto(studio.flowUrl(key));
      const start = p.locator('.react-flow__node-start').first();
      await start.waitFor();
      await p.waitForTimeout(500);
      const canvas = (await p.locator('.react-flow').first().boundingBox())!;
      const s = (await start.boundingBox())!;
      // Session 39 (newcomer s39 N11): a flow that fits at 15 % or more opens showing all of it (this template does), so
      // Start is in view at the left of the flow, no longer pinned to the canvas's left padding.
      expect(s.x, `${w} px: Start at ${Math.round(s.x - canvas.x)} px in a ${Math.round(canvas.width)} px canvas`).toBeGreaterThanOrEqual(canvas.x);
      expect(s.x + s.width).toBeLessThanOrEqual(canvas.x + canvas.width);
      // More blocks in view than Start alone.
      const inView = await p.locator('.react-flow__node').evaluateAll(
        (ns, c) => ns.filter((n) => {
          const r = n.getBoundingClientRect();
          return r.right > c.x && r.left < c.x + c.width && r.bottom > c.y && r.top < c.y + c.height;
        }).length,
        canvas,
      );
      await screenshot(p, `fixui15-open-${w}`);
      expect(inView, `${w} px: blocks in view`).toBeGreaterThan(1);
      await screenshot(p, `fixui15-open-${w}`);
      await p.close();
    }
  });

  it('newcomer s15 N#6: a phone number in an agent bubble stays on one line in a 420 px widget', async () => {
    const css = await readFile(join(process.cwd(), 'renderer/widget/widget.css'), 'utf8');
    const p = await browser.context.newPage();
    await p.setViewportSize({ width: 420, height: 300 });
    await p.setContent(
      `<!doctype html><html><head><style>${css}</style></head><body><ol class="bw-log" style="list-style:none;padding:8px;width:400px"><li class="bw-row bw-agent"><div class="bw-bubble" dir="auto">Thanks Sam. If it is urgent call us on <a class="bw-link bw-tel" href="tel:08001234567">0800 123 4567</a> or <a class="bw-link bw-tel" href="tel:+442079460958">+44 20 7946 0958</a>.</div></li></ol></body></html>`,
    );
    const lines = await p.locator('a.bw-tel').evaluateAll((as) => as.map((a) => a.getClientRects().length));
    expect(lines, 'each number drawn on one line').toEqual([1, 1]);
    await screenshot(p, 'fixui15-widget-tel-one-line');
    await p.close();
  });
});
