/**
 * Session 8 inbox changes seen in headless Chromium on a real runtime (desktop, 1440 x 900): the "Transfer to" list
 * says who is signed in per team, a team with nobody signed in is disabled, an all-busy team says the chat waits in
 * its queue; after Resolve, a closed conversation's footer says what the customer's widget shows. Screenshots:
 * test/e2e/screenshots/inbox-transfer-busy-team.png, inbox-resolved-ending.png. Also: the context panel's "Download as
 * text" gives the whole conversation as a file.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import type { RunningRuntime } from '../../runtime/serve/startRuntime';
import { launchChromium } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { callJson, startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery staple';
const person = (id: string, name: string, teams: string[]) =>
  ({ id, name, email: `${id}@example.com`, passwordHash: hashPassword(PASSWORD), token: `${id}-token-0123456789abcdef`, teams, skills: [], languages: ['en'], maxChats: 3, admin: false }) as Agent;
const ann = person('ann', 'Ann Lee', ['support']);
const bea = person('bea', 'Bea Ruiz', ['billing']);
const cal = person('cal', 'Cal Ng', ['sales']);

describe.skipIf(!haveChromium)('inbox: transfer to a team, and the ending', () => {
  let run: RuntimeWithAgents;
  let rt: RunningRuntime;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlowOpenQueue()], agents: [ann, bea, cal], prefix: 'baton-transfer-e2e-' });
    rt = run.rt;
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  it('team options say who can take the chat; the ending says what the customer sees', async () => {
    // Bea (billing) is signed in but busy; Cal (sales) is not signed in.
    expect((await callJson(`${rt.url}/api/v1/agent/presence`, 'POST', { status: 'busy' }, bea.token)).status).toBe(200);
    await page.goto(`${rt.url}/inbox`);
    await page.getByLabel('Email or agent id').fill('ann@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => (await page.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);

    const c = (await callJson(`${rt.url}/api/v1/flows/customer-support/conversations`, 'POST', {})).body;
    await callJson(`${rt.url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: 'I need to speak with a human' }, c.token);
    await page.getByRole('button', { name: /Asked for a person/ }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('button', { name: 'Resolve' }).waitFor();

    const select = page.getByLabel('Transfer to');
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => ({ text: o.textContent, disabled: (o as HTMLOptionElement).disabled })));
    expect(options).toEqual(
      expect.arrayContaining([
        { text: 'Team billing (all busy)', disabled: false },
        { text: 'Team sales (nobody signed in)', disabled: true },
        { text: 'Team support (nobody signed in)', disabled: true },
      ]),
    );
    await select.selectOption('team:billing');
    await page.getByText('Everyone in team billing is busy: the chat waits in their queue until one of them picks it up.').waitFor();
    await screenshot(page, 'inbox-transfer-busy-team');

    // The transcript as a file, from the context panel (newcomer s7 #11b).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as text' }).click()]);
    expect(download.suggestedFilename()).toBe(`transcript-${c.conversationId}.txt`);
    const file = readFileSync((await download.path())!, 'utf8');
    expect(file).toContain(`Conversation ${c.conversationId} (flow customer-support`);
    expect(file).toContain('Customer: I need to speak with a human');

    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByText(/This conversation is resolved\./).waitFor({ timeout: 10_000 });
    await screenshot(page, 'inbox-resolved-ending');
    expect(await page.getByText(/Buttons: Start again/).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
