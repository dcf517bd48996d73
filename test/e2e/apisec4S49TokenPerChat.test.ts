/**
 * Session 49 (apisec4): a signed identity token starts one chat (session 48), so the widget's "Start a new chat" on the
 * same page started unverified: the page's one token was used. Now the page may give `identityToken` as a function
 * (async) that fetches a fresh token from its server; the widget asks for one each time it starts a chat. In headless
 * Chromium: a shop page on another origin calls `Baton.identify({identityToken: () => fetch('/baton-token')...})`
 * after the script tag; the first chat and the one after "Start a new chat" are both verified (the server's export says
 * who signed in), each with its own token; a resumed chat (reload) asks for none. A page whose function fails: the
 * chat starts unverified, the console says why.
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
const SECRET = 'shop-identity-secret-0123456789-abcdefghijk';
const ADMIN = 'admin-token-for-apisec4-0123456789';
const bob = { id: 'bob', name: 'Bob', login: 'bob', email: 'bob@example.com', passwordHash: hashPassword('correct horse battery'), teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: true } as Agent;

describe.skipIf(!haveChromium)('a fresh identity token per chat from the page', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;
  let site: Server;
  let siteUrl = '';
  let tokensServed = 0;
  let script = '';

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlowOpenQueue()], agents: [bob], prefix: 'baton-apisec4-s49-', config: { identity: { secret: SECRET }, adminToken: ADMIN } });
    site = createServer((req, res) => {
      if (req.url === '/baton-token') {
        // The shop's server signs a token for the signed-in customer, one per call (jti), as docs/runtime.md says.
        tokensServed++;
        const token = signIdentityToken({ sub: 'cust-8841', aud: 'customer-support', jti: `view-${tokensServed}`, exp: Math.floor(Date.now() / 1000) + 300, variables: { customerEmail: 'kim@example.org', customerName: 'Kim Lee' } }, SECRET);
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(token);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Shop</title><body style="font-family:sans-serif"><h1>Your basket</h1><script src="${run.rt.url}/widget.js" data-flow="customer-support" data-title="Help"></script><script>${script}</script></body>`);
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

  const exported = async (id: string) => {
    const r = await fetch(`${run.rt.url}/api/v1/admin/conversations/${id}/transcript?format=json`, { headers: { authorization: `Bearer ${ADMIN}` } });
    return (await r.json()) as { visitor?: { subject: string | null; verified: string[]; unverified: string[] } };
  };

  it('the first chat and the one after "Start a new chat" each get their own token; a reload resumes and asks for none', async () => {
    script = `window.Baton.identify({ identityToken: async () => (await fetch('/baton-token')).text() });`;
    tokensServed = 0;
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    const warnings: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    const creates: Array<{ status: number; body: Record<string, unknown>; answer: Record<string, unknown> }> = [];
    page.on('response', async (r) => {
      if (r.request().method() === 'POST' && /\/api\/v1\/flows\/[^/]+\/conversations$/.test(r.url())) {
        creates.push({ status: r.status(), body: JSON.parse(r.request().postData() ?? '{}'), answer: await r.json().catch(() => ({})) });
      }
    });
    try {
      await page.goto(siteUrl);
      await page.getByRole('button', { name: 'Open the chat: Help' }).click();
      const w = page.frameLocator('iframe[title="Help"]');
      await w.getByText('What can I help you with?').waitFor({ timeout: 45_000 });
      await expect.poll(() => creates.length, { timeout: 10_000 }).toBe(1);
      expect(creates[0].status).toBe(201);
      expect(typeof creates[0].body.identityToken).toBe('string');
      expect(creates[0].body).not.toHaveProperty('identityTokenProvider');
      expect(tokensServed).toBe(1);
      const first = creates[0].answer.conversationId as string;
      expect((await exported(first)).visitor).toEqual({ subject: 'cust-8841', verified: ['customerEmail', 'customerName'], unverified: [] });

      // A reload resumes the stored chat: no token asked, nothing created.
      await page.reload();
      await page.getByRole('button', { name: /Open the chat: Help|Close the chat/ }).first().waitFor();
      if ((await page.getByRole('button', { name: 'Open the chat: Help' }).count()) > 0) await page.getByRole('button', { name: 'Open the chat: Help' }).click();
      await w.getByText('What can I help you with?').waitFor({ timeout: 45_000 });
      expect(creates).toHaveLength(1);
      expect(tokensServed).toBe(1);

      // "Start a new chat": a second token from the page, the new chat verified too (before: 400 identity_used, unverified).
      await w.getByLabel('Your message').fill('hello');
      await w.getByLabel('Your message').press('Enter');
      await w.locator('li.bw-customer:not(.bw-sending)').filter({ hasText: 'hello' }).first().waitFor({ timeout: 20_000 });
      await w.getByRole('button', { name: 'Start a new conversation' }).click();
      await w.getByRole('button', { name: 'Start a new chat' }).click();
      await expect.poll(() => creates.length, { timeout: 20_000 }).toBe(2);
      expect(creates[1].status).toBe(201);
      expect(creates[1].body.identityToken).not.toBe(creates[0].body.identityToken);
      expect(tokensServed).toBe(2);
      const second = creates[1].answer.conversationId as string;
      expect(second).not.toBe(first);
      expect((await exported(second)).visitor).toEqual({ subject: 'cust-8841', verified: ['customerEmail', 'customerName'], unverified: [] });
      await w.getByText('What can I help you with?').first().waitFor({ timeout: 20_000 });
      await screenshot(page, 'apisec4-s49-new-chat-verified');
      expect(warnings.filter((x) => x.includes('Baton chat widget'))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 180_000);

  it('a function that fails: the chat starts without a token and the console says why', async () => {
    script = `window.Baton.identify({ name: 'Lee Park', identityToken: async () => { throw new Error('session expired'); } });`;
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await ctx.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    const creates: Array<{ status: number; body: Record<string, unknown> }> = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && /\/api\/v1\/flows\/[^/]+\/conversations$/.test(r.url())) creates.push({ status: r.status(), body: JSON.parse(r.request().postData() ?? '{}') });
    });
    try {
      await page.goto(siteUrl);
      await page.getByRole('button', { name: 'Open the chat: Help' }).click();
      await page.frameLocator('iframe[title="Help"]').getByText('What can I help you with?').waitFor({ timeout: 45_000 });
      expect(creates.map((c) => c.status)).toEqual([201]);
      expect(creates[0].body).toEqual({ profile: { name: 'Lee Park' } });
      expect(warnings.some((x) => x.includes('no fresh identity token from the page') && x.includes('session expired'))).toBe(true);
    } finally {
      await ctx.close();
    }
  }, 120_000);
});
