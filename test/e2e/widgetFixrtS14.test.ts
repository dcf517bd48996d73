/**
 * newcomer s14 N#8 in headless Chromium on a real runtime: a link in the customer's own (accent) bubble was drawn in
 * the link indigo on the indigo bubble (contrast ~1.1:1, a hole in the customer's message), and the phone number the
 * customer gave was a tel: link. Now: the phone number is text, the customer's http link is the bubble's own colour
 * (white), underlined. Screenshot: test/e2e/screenshots/widget-s14-customer-link.png.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import { launchChromium } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { startRuntimeWithAgents, supportFlowOpenQueue, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', passwordHash: hashPassword('correct horse battery staple'), teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: false } as Agent;

describe.skipIf(!haveChromium)("widget s14: links in the customer's own bubble", () => {
  let run: RuntimeWithAgents;
  let browser: Browser;

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [supportFlowOpenQueue()], agents: [ann], prefix: 'baton-widget-s14-' });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  it('the phone number is text, the link is white and underlined on the accent bubble', async () => {
    const page = await (await browser.newContext({ viewport: { width: 900, height: 700 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${run.rt.url}/chat/customer-support`);
    const w = page.frameLocator('iframe[title]');
    await w.getByText('What can I help you with?').waitFor({ timeout: 15_000 });
    const text = 'call me on 07700 900123 instead, see https://mine.example/x';
    await w.getByLabel('Your message').fill(text);
    await w.getByLabel('Your message').press('Enter');
    const mine = w.locator('.bw-customer:not(.bw-sending) .bw-bubble', { hasText: 'call me on' });
    await mine.waitFor({ timeout: 15_000 });
    const seen = await mine.evaluate((b) => ({
      text: b.textContent,
      hrefs: [...b.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      bubble: getComputedStyle(b).color,
      background: getComputedStyle(b).backgroundColor,
      link: [...b.querySelectorAll('a')].map((a) => ({ color: getComputedStyle(a).color, underline: getComputedStyle(a).textDecorationLine })),
    }));
    expect(seen.text).toBe(text);
    expect(seen.hrefs).toEqual(['https://mine.example/x']);
    expect(seen.bubble).toBe('rgb(255, 255, 255)');
    expect(seen.background).not.toBe(seen.bubble);
    expect(seen.link).toEqual([{ color: seen.bubble, underline: 'underline' }]);
    await screenshot(page, 'widget-s14-customer-link');
    expect(errors).toEqual([]);
  }, 60_000);
});
