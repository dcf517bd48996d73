/**
 * fixinbox, session 13, in headless Chromium on a real runtime with a real agents file:
 * - newcomer s9 #17: at phone width (390 px) the inbox's status control is on screen, not scrolled off the top bar;
 * - newcomer s9 #29: the inbox search finds a closed chat by words the customer said;
 * - s12 #15 rest: an agent whose inbox tab closed reads "Inbox closed" on the Agents screen within seconds; the Canned
 *   replies screen says the agents file is broken when it opens;
 * Screenshots: test/e2e/screenshots/fixinbox-s13-*.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../runtime/agents/agentDirectory';
import { launchChromium } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { callJson, startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery staple';
const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', passwordHash: hashPassword(PASSWORD), token: 'ann-token-0123456789abcdef', teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: true };
const bob = { ...ann, id: 'bob', name: 'Bob Ray', email: 'bob@example.com', token: 'bob-token-0123456789abcdef', admin: false };

describe.skipIf(!haveChromium)('fixinbox s13: phone status control, search, closed inbox, canned banner', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlowOpenQueue()], agentsFile: { agents: [ann, bob] }, prefix: 'baton-fixinbox13-e2e-' });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  async function signIn(page: Page, who: string) {
    await page.goto(`${run.rt.url}/inbox`);
    await page.getByLabel('Email or agent id').fill(who);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Your status').waitFor();
  }

  it('all of it', async () => {
    const url = run.rt.url;
    // Phone width, an admin (the most icons in the top bar): the status control is within the screen.
    const adminPhone = await (await browser.newContext({ viewport: { width: 390, height: 760 } })).newPage();
    adminPhone.on('pageerror', (e) => errors.push(String(e)));
    await signIn(adminPhone, 'ann@example.com');
    const adminStatus = (await adminPhone.getByLabel('Your status').boundingBox())!;
    await screenshot(adminPhone, 'fixinbox-s13-phone-status-admin');
    expect(adminStatus.x).toBeGreaterThanOrEqual(0);
    expect(adminStatus.x + adminStatus.width).toBeLessThanOrEqual(390);
    await adminPhone.context().close();

    // Phone width, an agent: the status control is within the screen.
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 760 } })).newPage();
    phone.on('pageerror', (e) => errors.push(String(e)));
    await signIn(phone, 'bob@example.com');
    const status = phone.getByLabel('Your status');
    const box = (await status.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await screenshot(phone, 'fixinbox-s13-phone-status');

    // (Bob online.) A customer who asks for a person and says something to find later.
    const c = (await callJson(`${url}/api/v1/flows/customer-support/conversations`, 'POST', { variables: { customerName: 'Kim' } })).body;
    let r = await callJson(`${url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: 'I need to speak with a human please' }, c.token);
    for (let i = 0; i < 3 && r.body.mode === 'bot'; i++) r = await callJson(`${url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: i === 0 ? 'kim@example.com' : 'Kim' }, c.token);
    expect(['waiting', 'agent']).toContain(r.body.mode);
    await callJson(`${url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: 'My blender arrived cracked' }, c.token);

    await phone.getByText('Kim').first().waitFor({ timeout: 15_000 });
    await screenshot(phone, 'fixinbox-s13-phone-list');

    // Bob's inbox tab closes without signing out.
    await phone.context().close();

    const inbox = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    inbox.on('pageerror', (e) => errors.push(String(e)));
    await signIn(inbox, 'ann@example.com');
    // Search: words the customer said.
    await inbox.getByRole('searchbox').fill('blender cracked');
    const results = inbox.getByRole('list', { name: 'Search results' });
    await results.getByText('Kim').waitFor({ timeout: 10_000 });
    expect(await results.textContent()).toContain('Said: Customer: My blender arrived cracked');
    await results.getByText('Kim').click();
    await inbox.getByRole('heading', { level: 2, name: 'Kim' }).waitFor();
    await screenshot(inbox, 'fixinbox-s13-search');
    await inbox.getByRole('button', { name: 'Clear search' }).click();

    // Agents screen: Bob's inbox closed (3 s after), not "Online".
    await inbox.waitForTimeout(3500);
    await inbox.goto(`${url}/inbox#/agents`);
    const bobRow = inbox.locator('tr', { hasText: 'bob@example.com' });
    await bobRow.getByText('Inbox closed').waitFor({ timeout: 15_000 });
    await screenshot(inbox, 'fixinbox-s13-agents-inbox-closed');

    // Canned replies screen: the agents file broken on disk.
    writeFileSync(run.agentsPath, readFileSync(run.agentsPath, 'utf8').replace('"name":"Bob Ray",', '"name":"Bobby"'));
    await inbox.waitForTimeout(1200);
    await inbox.goto(`${url}/inbox#/canned`);
    const banner = inbox.locator('.ia-file-problem');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toMatch(/The agents file was edited on disk and cannot be read: .*not valid JSON/);
    await screenshot(inbox, 'fixinbox-s13-canned-file-broken');

    expect(errors).toEqual([]);
  }, 180_000);
});
