/**
 * End to end, in headless Chromium against the real browser studio: the home screen, reload intact, the
 * studio server killed (SIGKILL) mid-edit and restarted with nothing lost, a broken import (error shown,
 * nothing changed), export accepted by `baton validate`, a version opened and restored (and the restore
 * undone). Screenshots go to test/e2e/screenshots/studio-*.png.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../runtime/studio/startStudioServer';
import { requireProgram } from '../support/requireProgram';
import { ensureRendererBuilt, openBrowser, screenshot, startStudio, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');
const run = promisify(execFile);

describe.skipIf(!haveChromium)('studio end to end', () => {
  let browser: BrowserHandle;
  let studio: StudioHandle | null = null;
  let page: Page;

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await openBrowser();
    page = browser.page;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await studio?.close();
    studio = null;
    expect(browser.errors, 'uncaught errors in the page').toEqual([]);
  });

  const nodes = () => page.locator('.react-flow__node');
  const status = () => page.locator('.bt-save-status');
  const addBlock = async (kind: string) => {
    const before = await nodes().count();
    await page.locator(`.st-palette-item[data-kind="${kind}"]`).click();
    await expect.poll(() => nodes().count()).toBe(before + 1);
  };
  const openTemplate = async (name: RegExp) => {
    await page.getByRole('button', { name }).click();
    await page.waitForSelector('.react-flow__node');
  };

  it('home screen: templates and flows; a new flow survives a reload', async () => {
    studio = await startStudio();
    await studio.api.createFlow({ template: 'travel-urgency' });
    await page.goto(studio.url);
    await expect.poll(() => page.getByRole('list', { name: 'Flows' }).isVisible()).toBe(true);
    await page.getByText('Start from a template').waitFor();
    await screenshot(page, 'studio-home');

    await openTemplate(/New from template Northwind Goods customer support/);
    expect(page.url()).toMatch(/#\/flow\/customer-support$/);
    const before = await nodes().count();
    await addBlock('message');
    await addBlock('end');
    await expect.poll(() => status().getAttribute('data-status')).toBe('saved');
    await screenshot(page, 'studio-editor-saved');
    await page.reload();
    await page.waitForSelector('.react-flow__node');
    await expect.poll(() => nodes().count()).toBe(before + 2);
    expect(await status().getAttribute('data-status')).toBe('saved');
    const onDisk = await studio.api.openFlow('customer-support');
    expect(onDisk.flow.blocks.length).toBe(before + 2);
    expect(onDisk.recovered).toBe(false);
  });

  it('kill -9 the studio server mid-edit, restart it: nothing is lost', async () => {
    studio = await startStudio({ process: true });
    const { key } = await studio.api.createFlow({ template: 'lead-gen' });
    await page.goto(studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node');
    const before = await nodes().count();
    await addBlock('message');
    await addBlock('question');
    await addBlock('end');
    // the edits reach the server's journal within a fraction of a second; kill it right then
    const journal = join(studio.home, 'journal', `${key}.jsonl`);
    await expect.poll(() => existsSync(journal) || status().getAttribute('data-status').then((s) => s === 'saved'), { timeout: 5000 }).toBe(true);
    await studio.kill();
    // the designer keeps working while the server is down: the browser keeps these
    await addBlock('csat');
    await expect.poll(() => status().getAttribute('data-status'), { timeout: 10_000 }).toBe('offline');
    await screenshot(page, 'studio-server-killed');

    await studio.restart();
    await page.goto(studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node');
    await expect.poll(() => nodes().count()).toBe(before + 4);
    await expect.poll(() => status().getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
    await screenshot(page, 'studio-after-restart');
    const onDisk = await studio.api.openFlow(key);
    expect(onDisk.flow.blocks.length).toBe(before + 4);
    expect(onDisk.flow.blocks.some((b) => b.kind === 'csat')).toBe(true);
  });

  it('importing a broken file shows what is wrong and changes nothing', async () => {
    studio = await startStudio();
    await studio.api.createFlow({ name: 'Untouched bot' });
    const listBefore = (await studio.api.listFlows()).flows;
    await page.goto(studio.url);
    await page.getByText('Untouched bot').waitFor();
    const broken = '{\n  "version": 1,\n  "id": "broken",\n  "name": "Broken",\n  "blocks": [\n    { "id": "start", "kind": "start", "data": {} },\n  ]\n}\n';
    await page.getByTestId('import-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    const alert = page.getByRole('alert', { name: 'Import failed' });
    await alert.waitFor();
    await expect.poll(() => alert.textContent()).toContain('broken.json cannot be imported');
    expect(await alert.textContent()).toMatch(/line 7, column/);
    await screenshot(page, 'studio-import-error');
    expect((await studio.api.listFlows()).flows).toEqual(listBefore);
    expect(page.url()).not.toContain('#/flow/');

    // a file with the wrong shape: each problem with its JSON path and block
    const shape = JSON.stringify({ version: 1, id: 'x', name: 'X', blocks: [{ id: 'greet', kind: 'message', data: { text: 7 } }, { id: 'odd', kind: 'teleport', data: {} }] });
    await page.getByTestId('import-input').setInputFiles({ name: 'shape.json', mimeType: 'application/json', buffer: Buffer.from(shape) });
    await expect.poll(() => alert.textContent()).toContain('shape.json');
    expect(await alert.textContent()).toContain('$.blocks[0].data.text');
    expect(await alert.textContent()).toContain('block odd');
    await screenshot(page, 'studio-import-error-shape');
    expect((await studio.api.listFlows()).flows).toEqual(listBefore);
  });

  it('export from the home screen passes baton validate', async () => {
    studio = await startStudio();
    await studio.api.createFlow({ template: 'insurance-claims' });
    await page.goto(studio.url);
    const row = page.getByRole('button', { name: /^Export / });
    await row.first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), row.first().click()]);
    const file = join(studio.home, 'exported.json');
    await download.saveAs(file);
    const text = await readFile(file, 'utf8');
    // Session 39 (newcomer s39 N17): the studio's Export keeps the canvas layout (the runtime ignores it).
    expect(text).toContain('"position"');
    const r = await run(process.execPath, [join(repoRoot, 'bin/baton.js'), 'validate', file]).catch((e) => e);
    expect(r.code ?? 0, `${r.stdout}\n${r.stderr}`).toBe(0);
    // byte-for-byte stable: the same export again
    const again = await studio.api.exportFlow('insurance-claims', true);
    expect(again.text).toBe(text);
    await writeFile(join(studio.home, 'again.json'), again.text);
  });

  it('opens a version, sees what changed, restores it, and undoes the restore', async () => {
    studio = await startStudio();
    await page.goto(studio.url);
    await openTemplate(/New from template Acme Cloud pricing assistant/);
    const original = await nodes().count();
    await addBlock('message');
    await expect.poll(() => status().getAttribute('data-status')).toBe('saved');

    await page.getByRole('button', { name: 'Version history' }).click();
    const versions = page.getByRole('list', { name: 'Versions' });
    await versions.getByRole('button', { name: /Version 2/ }).waitFor();
    await versions.getByRole('button', { name: /Version 1/ }).click();
    const detail = page.getByRole('region', { name: 'Version 1' });
    await detail.getByText(/Blocks it removes \(1\)/).waitFor();
    await screenshot(page, 'studio-history');
    await detail.getByRole('button', { name: /Restore this version/ }).click();
    await expect.poll(() => nodes().count()).toBe(original);
    await expect.poll(() => status().getAttribute('data-status')).toBe('saved');
    const list = await studio.api.versions('lead-gen');
    expect(list[0]).toMatchObject({ revision: 3, summary: expect.stringMatching(/^1 block removed/) });

    // the restore is one undo step
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => nodes().count()).toBe(original + 1);
    await expect.poll(() => status().getAttribute('data-status')).toBe('saved');
    expect((await studio.api.openFlow('lead-gen')).flow.blocks.length).toBe(original + 1);
    await screenshot(page, 'studio-restore-undone');
  });
});
