/**
 * Session 46 (studio12), in Chromium on the real studio: retest-studio L1 (the Problems list's block-name column broke
 * "HTTP request" mid-word), L2 (the Condition operator select showed "matches the pa"), M1 (the takeover help, seen).
 * Screenshots: test/e2e/screenshots/studio12-s46-*.png (looked at).
 */
import type { Flow } from '../../shared/flow/schema';
import { describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { screenshot, studioInBrowser, type StudioHandle } from './support/studio';
import type { Page } from 'playwright-core';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('session 46 studio12', () => {
  let studio: StudioHandle;
  let page: Page;
  studioInBrowser((h) => ({ studio, page } = h));

  it('L1, L2: block names wrap between words only; the operator select shows its whole label', async () => {
    const created = await studio.api.createFlow({ name: 'S12' });
    const blocks = [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'http', kind: 'http_request', position: { x: 300, y: 0 }, data: { method: 'GET', url: '' } },
      { id: 'cond', kind: 'condition', label: 'Zip check', position: { x: 600, y: 0 }, data: { combinator: 'and', rules: [{ variable: 'agentName', op: 'matches', value: '^\\d{5}-[A-Z]$' }] } },
      { id: 'ho', kind: 'human_takeover', position: { x: 900, y: 0 }, data: {} },
    ];
    const edges = [
      { id: 'e1', from: 'start', exit: 'next', to: 'http' },
      { id: 'e2', from: 'http', exit: 'success', to: 'cond' },
      { id: 'e3', from: 'cond', exit: 'true', to: 'ho' },
    ];
    await studio.api.saveFlow(created.key, { ...created.flow, blocks, edges } as unknown as Flow, 0);
    await page.goto(studio.flowUrl(created.key));
    await page.locator('.react-flow__node').first().waitFor();
    await page.waitForTimeout(800);
    await page.locator('.react-flow__node[data-id="cond"]').click();
    await page.locator('.st-problems-toggle').first().click();
    await page.waitForTimeout(500);
    await screenshot(page, 'studio12-s46-problems-condition');

    // L1: each block name in the Problems list is at least as wide as its longest word (no word broken across lines).
    const names = await page.locator('.st-problems .st-problem-block').evaluateAll((els) =>
      els.map((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        const words = (el.textContent ?? '').split(/\s+/).filter(Boolean);
        const box = el.getBoundingClientRect();
        const row = el.closest('li')!.getBoundingClientRect();
        return { text: el.textContent, lines: lines.size, words: words.length, inside: box.right <= row.right + 0.5 && el.scrollWidth <= el.clientWidth + 1 };
      }),
    );
    expect(names.some((n) => n.text === 'HTTP request')).toBe(true);
    for (const n of names) {
      expect(n.lines, `${n.text} on ${n.lines} lines`).toBeLessThanOrEqual(n.words);
      expect(n.inside, `${n.text} cut at the list's edge`).toBe(true);
    }

    // L2: the operator select is wide enough for its chosen label.
    const op = page.getByLabel('Rule 1 operator');
    const fits = await op.evaluate((el: HTMLSelectElement) => {
      const c = document.createElement('canvas').getContext('2d')!;
      c.font = getComputedStyle(el).font;
      const label = el.options[el.selectedIndex].text;
      return { label, text: c.measureText(label).width, box: el.clientWidth };
    });
    expect(fits.label).toBe('matches the pattern');
    expect(fits.box).toBeGreaterThan(fits.text + 20);

    await page.keyboard.press('Escape');
    await page.locator('.react-flow__node[data-id="ho"]').click();
    await page.waitForTimeout(400);
    await expect(page.getByRole('list', { name: 'When each exit is taken' }).textContent()).resolves.not.toContain('Close');
    await screenshot(page, 'studio12-s46-takeover');
  });
});
