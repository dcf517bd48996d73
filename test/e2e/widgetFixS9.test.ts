/**
 * fixwidget, session 9, in headless Chromium on a real runtime and a site of another origin with only the script tag:
 * #20 the page says who the visitor is (data-email/data-name/data-variables go with the create call; bad JSON in
 * data-variables is a console warning, the chat works), #30 an agent's reply while the panel is closed puts a badge and
 * a text preview on the launcher (kept over a reload, cleared on open), #26 the agent's link is a safe link, #16 on a
 * phone the open panel fills the screen and the text box is 16 px. Screenshots: test/e2e/screenshots/widget-s9-*.png.
 */
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import { launchChromium } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery';
const bob = { id: 'bob', name: 'Bob', login: 'bob', email: 'bob@example.com', passwordHash: hashPassword(PASSWORD), teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: true } as Agent;

describe.skipIf(!haveChromium)('widget s9: badge, links, identity, phone', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;
  let site: Server;
  let siteUrl = '';
  let attrs = '';

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlowOpenQueue()], agents: [bob], prefix: 'baton-widget-s9-' });
    site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><meta name="viewport" content="width=device-width,initial-scale=1"><title>Shop</title><body style="font-family:sans-serif;background:#f0fdf4"><h1>Scarves</h1><p>Some shop page.</p><script src="${run.rt.url}/widget.js" data-flow="customer-support" data-title="Help" ${attrs}></script></body>`);
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    // Another origin (port) on the same host: headless Chromium blocks a cross-SITE frame's localStorage (the widget
    // then keeps the chat in memory, docs/runtime.md), and the reload below needs the stored conversation.
    siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}/`;
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    site?.close();
    await run?.close();
  });

  const api = async (path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${run.rt.url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('identity from data-*, unread badge + preview while closed (also after a reload), safe link, cleared on open', async () => {
    attrs = `data-email="lee@example.com" data-name="Lee Park" data-variables='{"cartValue": 620}'`;
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await ctx.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const creates: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/v1\/flows\/[^/]+\/conversations$/.test(r.url())) creates.push(r.postData() ?? '');
    });
    try {
      await page.goto(siteUrl);
      await page.getByRole('button', { name: 'Open the chat: Help' }).click();
      const w = page.frameLocator('iframe[title="Help"]');
      // 45 s (was 15), as the phone test below: a fresh-clone CI of session 35 (319e910) failed this test at 15.8 s, so one
      // 15 s wait timed out (no log kept; the likeliest is this first one), while it passes alone in 2-3 s (15 of 15 runs at load 3-7, session 36): the first frame
      // load of a new browser context is the slowest step of the e2e suite under its load.
      await w.getByText('What can I help you with?').waitFor({ timeout: 45_000 });
      expect(JSON.parse(creates[0])).toEqual({ variables: { cartValue: 620 }, profile: { name: 'Lee Park', email: 'lee@example.com' } });
      const token = (await api('/api/v1/agent/session', { login: 'bob', password: PASSWORD })).body.token as string;
      await api('/api/v1/agent/presence', { status: 'online' }, token);
      // Ask for a person; Bob accepts; the customer closes the panel to keep browsing.
      await w.getByLabel('Your message').fill('I want to talk to a person please');
      await w.getByLabel('Your message').press('Enter');
      await w.getByText(/Waiting for a person to join/).first().waitFor({ timeout: 15_000 });
      let handoffId = '';
      for (let i = 0; i < 50 && !handoffId; i++) {
        const list = (await api('/api/v1/agent/handoffs', undefined, token)).body.handoffs as Array<{ id: string }>;
        handoffId = list?.[0]?.id ?? '';
        if (!handoffId) await new Promise((r) => setTimeout(r, 200));
      }
      const hpath = `/api/v1/agent/handoffs/${encodeURIComponent(handoffId)}`;
      expect((await api(`${hpath}/accept`, {}, token)).status).toBe(200);
      await w.getByText(/You are chatting with Bob/).waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Close the chat' }).click();
      const launcher = page.locator('[data-baton-widget] > button').last();
      expect(await launcher.getAttribute('aria-label')).toBe('Open the chat: Help');
      const hostile = 'Hi, Bob here. Track it here: https://www.northwind.example/same-day?order=NW-1. Not a link: javascript:alert(1) "><img src=x onerror="window.__pwned=1">';
      expect((await api(`${hpath}/messages`, { text: hostile }, token)).status).toBe(200);
      await page.getByRole('button', { name: 'Open the chat: Help (1 new message)' }).waitFor({ timeout: 15_000 });
      const bubble = page.getByRole('button', { name: /^New message: Bob: Hi, Bob here\. Track it here/ });
      await bubble.waitFor();
      expect(await bubble.textContent()).toBe(`Bob: ${hostile.slice(0, 89).trimEnd()}…`);
      expect(await page.locator('img').count()).toBe(0);
      await screenshot(page, 'widget-s9-closed-unread');
      expect((await api(`${hpath}/messages`, { text: 'Are you still there?' }, token)).status).toBe(200);
      await page.getByRole('button', { name: 'Open the chat: Help (2 new messages)' }).waitFor({ timeout: 15_000 });
      // Reload with the panel closed: still there.
      await page.reload();
      await page.getByRole('button', { name: 'Open the chat: Help (2 new messages)' }).waitFor({ timeout: 15_000 });
      expect(await page.getByRole('button', { name: /^New message: Bob: Are you still there\?/ }).isVisible()).toBe(true);
      await screenshot(page, 'widget-s9-closed-unread-after-reload');
      // Open from the preview: cleared; the link is a safe link.
      await page.getByRole('button', { name: /^New message: Bob: Are you still there\?/ }).click();
      const link = w.getByRole('link', { name: 'https://www.northwind.example/same-day?order=NW-1' });
      await link.waitFor({ timeout: 15_000 });
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await w.locator('a').count()).toBe(1);
      expect(await w.locator('img').count()).toBe(0);
      await screenshot(page, 'widget-s9-opened-link');
      await page.getByRole('button', { name: 'Close the chat' }).last().click();
      await page.getByRole('button', { name: 'Open the chat: Help' }).waitFor();
      expect(await page.locator('[data-baton-widget] > button').first().isVisible()).toBe(false);
      expect(pageErrors).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 120_000);

  it('bad JSON in data-variables is a console warning naming it, and the chat works; on a phone the open panel fills the screen, 16 px box', async () => {
    attrs = `data-variables='{cartValue: 620}'`;
    // A phone: mobile viewport and touch (pointer: coarse). Device scale factor 1, not 2: Chromium does not pass an
    // emulated scale factor on to the widget's out-of-process frame (the page reports devicePixelRatio 2, the frame 1),
    // and then sometimes delivers a click in the frame at half its coordinates: fresh-clone CI, session 9, the close
    // button's centre (347, 32) landed at (173, 16), the title ("<h1 class=bw-title>Help</h1> intercepts pointer
    // events" for 30 s). Layout is in CSS pixels, so what is asserted here is the same at 1.
    const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    try {
      await page.goto(siteUrl);
      await page.getByRole('button', { name: 'Open the chat: Help' }).click();
      const w = page.frameLocator('iframe[title="Help"]');
      // 45 s (was 15): a fresh-clone CI of session 34 (af4f606, 13.6 min) timed out here once at 15 s while the same test
      // passes alone in ~1 s; the phone context's first frame load is the slowest of the e2e suite under its load.
      await w.getByText('What can I help you with?').waitFor({ timeout: 45_000 });
      expect(warnings.some((x) => /data-variables is not valid JSON/.test(x))).toBe(true);
      const box = await page.locator('iframe[title="Help"]').boundingBox();
      expect(box).toEqual({ x: 0, y: 0, width: 375, height: 667 });
      expect(await page.locator('[data-baton-widget] > button').last().isVisible()).toBe(false);
      expect(await w.getByLabel('Your message').evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
      await screenshot(page, 'widget-s9-phone-open');
      // Nothing covers the close button on a phone: the element at its centre is the button (or inside it).
      const close = w.getByRole('button', { name: 'Close the chat' });
      expect(await close.evaluate((el) => { const r = el.getBoundingClientRect(); return r.right <= innerWidth && r.bottom <= innerHeight && el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); })).toBe(true);
      await close.click();
      await page.getByRole('button', { name: 'Open the chat: Help' }).waitFor();
      expect(await page.locator('iframe[title="Help"]').isVisible()).toBe(false);
    } finally {
      await ctx.close();
    }
  }, 90_000);
});
