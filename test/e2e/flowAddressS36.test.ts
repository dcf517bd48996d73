/**
 * Session 36 (newcomer s35 #5, the rest): the editor's address kept the studio's storage key (#/flow/untitled-flow)
 * after Flow settings › Flow id was changed to "newcomer-shop", while the export file, the chat address and Duplicate
 * follow the id. Now the address shows the id once it is saved, and every address used before still opens the flow:
 * the key (it never changes), and the id (read as a key first, then as an id). Two copies of a template share an id:
 * their addresses keep the keys. In headless Chromium against the real studio server: the address, a reload and the
 * back button are the browser's. Screenshots: test/e2e/screenshots/flowaddr36-*.png. Session 37: a link saved with an
 * in-between id (A, then B, then C: the link says B) opens the flow too.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { openStudioSession, type StudioSession } from '../support/browserHarness';
import { screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');

describe.skipIf(!haveChromium)('the editor address follows the flow id; old addresses still open the flow', () => {
  let session: StudioSession;
  let page: Page;
  beforeAll(async () => {
    session = await openStudioSession();
    page = session.page;
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });
  const hash = () => page.evaluate(() => location.hash);
  const title = () => page.locator('.st-flow-name').textContent();

  it('a new id shows in the address at once (no reload); the id, the old key address and the back button open the flow', async () => {
    const { key } = await session.studio.api.createFlow({ name: 'Shop helper' });
    await page.goto(session.studio.url.split('#')[0] + '#/');
    await page.getByRole('heading', { name: 'Your flows' }).waitFor();
    await page.goto(session.studio.flowUrl(key));
    await page.locator('.react-flow__node[data-id="start"]').waitFor();
    expect(await hash()).toBe(`#/flow/${key}`);
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click();
    const id = page.getByLabel('Flow id');
    await id.fill('newcomer-shop');
    await id.press('Enter');
    await expect.poll(hash).toBe('#/flow/newcomer-shop');
    expect(key).not.toBe('newcomer-shop');
    // The editor stayed as it was: the undo step of the id change is still there (no reload happened).
    expect(await page.getByRole('button', { name: 'Undo' }).isEnabled()).toBe(true);
    await screenshot(page, 'flowaddr36-after-id-change');

    // A reload opens the flow by its id.
    await page.reload();
    await page.locator('.react-flow__node[data-id="start"]').waitFor();
    expect(await title()).toBe('Shop helper');
    expect(await hash()).toBe('#/flow/newcomer-shop');

    // The old address (the key) still opens it, and then shows the id.
    await page.goto(session.studio.flowUrl(key));
    await page.locator('.react-flow__node[data-id="start"]').waitFor();
    expect(await title()).toBe('Shop helper');
    await expect.poll(hash).toBe('#/flow/newcomer-shop');

    // Home, then the browser's back button: the flow again.
    await page.getByRole('button', { name: 'Back to flows' }).click();
    await page.getByRole('heading', { name: 'Your flows' }).waitFor();
    await page.goBack();
    await page.locator('.react-flow__node[data-id="start"]').waitFor();
    expect(await title()).toBe('Shop helper');

    // Session 37: the id changes again; a link saved with the in-between id still opens the flow, then shows the new id.
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click();
    await page.getByLabel('Flow id').fill('newcomer-shop-two');
    await page.getByLabel('Flow id').press('Enter');
    await expect.poll(hash).toBe('#/flow/newcomer-shop-two');
    await page.goto(session.studio.flowUrl('newcomer-shop'));
    await page.locator('.react-flow__node[data-id="start"]').waitFor();
    expect(await title()).toBe('Shop helper');
    await expect.poll(hash).toBe('#/flow/newcomer-shop-two');
    expect(session.browser.errors, 'uncaught errors in the page').toEqual([]);
  });

  it("a flow created after another took its name as id gets its own key; the id keeps opening the flow that has it", async () => {
    const alpha = await session.studio.api.createFlow({ name: 'Alpha desk' });
    await page.goto(session.studio.flowUrl(alpha.key));
    await page.locator('.react-flow__node[data-id="start"]').waitFor();
    await page.getByRole('button', { name: 'Flow settings', exact: true }).click();
    await page.getByLabel('Flow id').fill('gamma-desk');
    await page.getByLabel('Flow id').press('Enter');
    await expect.poll(hash).toBe('#/flow/gamma-desk');
    // Session 40 (newcomer s40 N4): a new flow never takes a key another flow has as its id (until then "Gamma desk" was
    // stored under "gamma-desk" and two flows had that id), so it gets its own key and address.
    const gamma = await session.studio.api.createFlow({ name: 'Gamma desk' });
    expect(gamma.key).not.toBe('gamma-desk');
    await page.goto(session.studio.flowUrl(alpha.key));
    await page.locator('.react-flow__node[data-id="start"]').waitFor();
    expect(await title()).toBe('Alpha desk');
    // Its id is no other flow's key, so the address shows the id (as in the first test).
    await expect.poll(hash).toBe('#/flow/gamma-desk');
    await page.goto(session.studio.flowUrl('gamma-desk'));
    await expect.poll(title).toBe('Alpha desk');
    await page.goto(session.studio.flowUrl(gamma.key));
    await expect.poll(title).toBe('Gamma desk');
    // An address that is neither a key nor a flow's id: "There is no flow", as before.
    await page.goto(session.studio.flowUrl('no-such-flow-anywhere'));
    await page.getByText('There is no flow “no-such-flow-anywhere” in this studio').waitFor();
    expect(session.browser.errors, 'uncaught errors in the page').toEqual([]);
  });
});
