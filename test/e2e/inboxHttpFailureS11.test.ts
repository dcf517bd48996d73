/**
 * Newcomer s9 #3 / s11 #12b in headless Chromium on a real runtime (1440 x 900): the Northwind flow's order lookup gets
 * HTTP 503 from the shop's API, the customer takes the offered person and gives the email the takeover asks, and the inbox says which call failed in the list and under "Why the bot
 * handed over" (summary and suggestion), not only "The flow handed over". Screenshot:
 * test/e2e/screenshots/inbox-http-failure-reason.png.
 */
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import { launchChromium } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { startDownOrderApi } from '../support/downOrderApi';
import { callJson, startRuntimeWithAgents, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery staple';
const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', passwordHash: hashPassword(PASSWORD), token: 'ann-token-0123456789abcdef', teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: false } as Agent;

describe.skipIf(!haveChromium)('inbox: a handoff after the order lookup failed', () => {
  let api: Server;
  let run: RuntimeWithAgents;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    // The shop's order API is down.
    let withDownApi;
    ({ api, flow: withDownApi } = await startDownOrderApi());
    run = await startRuntimeWithAgents({ flows: [withDownApi], agents: [ann], prefix: 'baton-httpfail-e2e-' });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
    await new Promise((ok) => api?.close(ok));
  });

  it('the list and the context panel name the call that failed', async () => {
    const rt = run.rt;
    await page.goto(`${rt.url}/inbox`);
    await page.getByLabel('Email or agent id').fill('ann@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => (await page.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);

    const c = (await callJson(`${rt.url}/api/v1/flows/customer-support/conversations`, 'POST', {})).body;
    const said = await callJson(`${rt.url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: 'Where is my order NW-104233?' }, c.token);
    // The flow says it could not look the order up and offers a person; the customer says yes.
    expect(JSON.stringify(said.body)).toContain("I couldn't look up order NW-104233 just now");
    const yes = await callJson(`${rt.url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { choice: 'person' }, c.token);
    expect(JSON.stringify(yes.body)).toMatch(/email/i);
    const email = await callJson(`${rt.url}/api/v1/conversations/${c.conversationId}/messages`, 'POST', { text: 'ray@example.com' }, c.token);
    expect(email.body.mode).toBe('waiting');

    // Session 41 (queue, newcomer s40 N12): the customer chose the flow's offer of a person; the failed call is said too.
    const row = page.getByRole('button', { name: /Chose “.*” \(the bot's offer\) after "Look up order" failed/ });
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    const why = page.getByRole('complementary', { name: 'Context' });
    await why.getByText(/Chose “.*” \(the bot's offer\) after "Look up order" failed/).first().waitFor();
    await why.getByText(/Handed over because the customer chose ".*" where the flow offered a person, after "Look up order" failed \(HTTP 503\)\./).waitFor();
    await expect.poll(async () => await why.getByText(/The bot could not do it: "Look up order" failed \(HTTP 503\); do that step yourself\./).count()).toBe(1);
    await screenshot(page, 'inbox-http-failure-reason');
    expect(errors).toEqual([]);
  });
});
