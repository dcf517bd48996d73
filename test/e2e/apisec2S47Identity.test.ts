/**
 * Session 47 (apisec2): signed identity as a team uses it, in headless Chromium. A shop's page (another origin, only the
 * script tag) carries `data-identity-token` (made with the server's identity secret) and an unsigned orderNumber; the
 * visitor's first message makes a hot lead (the signed cartValue); the agent's inbox says who the site says the visitor
 * is and marks the signed details Verified and the page's Unverified. A page that passes the signed-only cartValue
 * unsigned gets its chat with the visitor's name (only the refused detail is dropped) and a console warning.
 * Screenshot: test/e2e/screenshots/apisec2-s47-inbox-verified.png.
 */
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import { signIdentityToken } from '../../runtime/server/identityToken';
import { launchChromium } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery';
const SECRET = 'shop-identity-secret-0123456789-abcdefghijk';
const bob = { id: 'bob', name: 'Bob', login: 'bob', email: 'bob@example.com', passwordHash: hashPassword(PASSWORD), teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: true } as Agent;

describe.skipIf(!haveChromium)('signed identity: widget to inbox', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;
  let site: Server;
  let siteUrl = '';
  let attrs = '';

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlowOpenQueue()], agents: [bob], prefix: 'baton-apisec2-s47-', config: { identity: { secret: SECRET } } });
    site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Shop</title><body style="font-family:sans-serif"><h1>Your basket</h1><script src="${run.rt.url}/widget.js" data-flow="customer-support" data-title="Help" ${attrs}></script></body>`);
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}/`;
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    site?.close();
    await run?.close();
  });

  it('the signed details reach the bot (a hot lead) and the inbox marks them Verified, the page\'s Unverified', async () => {
    const token = signIdentityToken({ sub: 'cust-8841', aud: 'customer-support', exp: Math.floor(Date.now() / 1000) + 3600, variables: { cartValue: 620, customerEmail: 'kim@example.org', customerName: 'Kim Lee' } }, SECRET);
    attrs = `data-variables='{"orderNumber": "NW-104233"}' data-identity-token="${token}"`;
    const inboxCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const inbox = await inboxCtx.newPage();
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    inbox.on('pageerror', (e) => errors.push(e.message));
    try {
      await inbox.goto(`${run.rt.url}/inbox`);
      await inbox.getByLabel('Email or agent id').fill('bob@example.com');
      await inbox.getByLabel('Password').fill(PASSWORD);
      await inbox.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(async () => (await inbox.getByLabel('Your status').inputValue()) === 'online', { timeout: 15_000 }).toBe(true);
      await page.goto(siteUrl);
      await page.getByRole('button', { name: 'Open the chat: Help' }).click();
      const w = page.frameLocator('iframe[title="Help"]');
      await w.getByText('What can I help you with?').waitFor({ timeout: 45_000 });
      await w.getByLabel('Your message').fill('do you take paypal');
      await w.getByLabel('Your message').press('Enter');
      await w.getByText(/Waiting for a person/).first().waitFor({ timeout: 20_000 });
      const row = inbox.locator('.ib-row').filter({ hasText: 'Kim Lee' }).first();
      await row.waitFor({ timeout: 20_000 });
      expect(await row.textContent()).toContain('Hot lead');
      await row.click();
      const signedLine = inbox.getByTestId('visitor-signed');
      await signedLine.waitFor({ timeout: 15_000 });
      expect(await signedLine.textContent()).toContain('Signed in on your website as cust-8841');
      const trust = await inbox.locator('.ib-var[data-trust]').evaluateAll((els) => els.map((e) => `${e.querySelector('span')?.getAttribute('title')}=${e.getAttribute('data-trust')}`));
      expect(trust.sort()).toEqual(['cartValue=verified', 'customerEmail=verified', 'customerName=verified', 'orderNumber=unverified']);
      // The chip sits in the value's column, under the value, inside the panel.
      const chip = (await inbox.locator('.ib-var[data-trust="verified"] .ib-trust').first().boundingBox())!;
      const input = (await inbox.locator('.ib-var[data-trust="verified"] input').first().boundingBox())!;
      expect(chip.y).toBeGreaterThanOrEqual(input.y + input.height - 4);
      expect(Math.abs(chip.x - input.x)).toBeLessThan(4);
      await screenshot(inbox, 'apisec2-s47-inbox-verified');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
      await inboxCtx.close();
    }
  }, 180_000);

  it('a signed-only detail passed unsigned is dropped alone: the chat starts with the name, the console says why', async () => {
    attrs = `data-name="Lee Park" data-variables='{"cartValue": 9000}'`;
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await ctx.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    const creates: Array<{ status: number; body: string }> = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && /\/api\/v1\/flows\/[^/]+\/conversations$/.test(r.url())) creates.push({ status: r.status(), body: r.request().postData() ?? '' });
    });
    try {
      await page.goto(siteUrl);
      await page.getByRole('button', { name: 'Open the chat: Help' }).click();
      await page.frameLocator('iframe[title="Help"]').getByText('What can I help you with?').waitFor({ timeout: 45_000 });
      expect(creates.map((c) => c.status)).toEqual([400, 201]);
      expect(JSON.parse(creates[1].body)).toEqual({ profile: { name: 'Lee Park' } });
      expect(warnings.some((x) => x.includes('a visitor detail was refused') && x.includes('variables.cartValue'))).toBe(true);
    } finally {
      await ctx.close();
    }
  }, 120_000);
});
