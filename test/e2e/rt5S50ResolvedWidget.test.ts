/**
 * Session 50 (rt5, newcomer s49 N4) in a browser (headless Chromium on a real runtime; screenshot
 * test/e2e/screenshots/rt5s50-widget-resolved.png): the customer hands over in the widget, Ann (agent API) accepts,
 * answers and clicks Resolve (the team's settings ask no rating on Resolve). The widget said "This conversation has
 * ended" three times (a bot bubble, the header, the footer) and not the flow's goodbye; now it shows the flow's own
 * closing (customer-support: Resolved -> Rating -> End "Have a lovely day!", the Rating passed) and says "ended" once,
 * in the footer with "Start a new chat".
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../runtime/agents/agentDirectory';
import type { Flow } from '../../shared/flow/schema';
import { launchChromium } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { callJson, startRuntimeWithAgents, supportFlowOpenQueue, waitUntil, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';

const haveChromium = requireProgram('chromium');
const ANN = { id: 'ann', name: 'Ann', email: 'ann@example.com', passwordHash: hashPassword('correct horse battery staple'), token: 'ann-token-0123456789abcdef', teams: ['support'], skills: [], languages: ['en'], maxChats: 5, admin: false };

/** customer-support as the newcomer had it: a custom takeover with restart buttons, no email question. */
function flow(): Flow {
  const f = supportFlowOpenQueue();
  return { ...f, blocks: f.blocks.map((b) => (b.id === 'human_agent' ? ({ ...b, data: { ...b.data, assignation: 'custom', askEmail: false, restartButtons: true } } as typeof b) : b)) };
}

describe.skipIf(!haveChromium)('the widget after Resolve (newcomer s49 N4)', () => {
  let run: RuntimeWithAgents;
  let browser: Browser;
  let customer: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    run = await startRuntimeWithAgents({ flows: [flow()], agentsFile: { agents: [ANN], settings: { ratingOnResolve: false } }, prefix: 'baton-rt5s50-e2e-' });
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  it("says the flow's goodbye, and 'ended' once (the footer)", async () => {
    const api = (path: string, method: string, body?: unknown) => callJson(`${run.rt.url}${path}`, method, body, ANN.token);
    expect((await api('/api/v1/agent/presence', 'POST', { status: 'online' })).status).toBe(200);
    customer = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    customer.on('pageerror', (e) => errors.push(String(e)));
    await customer.goto(`${run.rt.url}/chat/customer-support`);
    const w: FrameLocator = customer.frameLocator('iframe[title]');
    await w.getByLabel('Your message').fill('My bike order NW-104233 arrived with a bent wheel. I want to talk to a human');
    await w.getByLabel('Your message').press('Enter');

    let id = '';
    await waitUntil('the handoff', async () => {
      const hs = (await api('/api/v1/agent/handoffs?view=all', 'GET')).body.handoffs as Array<{ id: string }>;
      id = hs[0]?.id ?? '';
      return id !== '';
    });
    const hid = `/api/v1/agent/handoffs/${encodeURIComponent(id)}`;
    expect((await api(`${hid}/accept`, 'POST', {})).status).toBe(200);
    expect((await api(`${hid}/messages`, 'POST', { text: "Hi, I'm Ann. A new wheel goes out today; see you soon!" })).status).toBe(200);
    await w.getByText("Hi, I'm Ann. A new wheel goes out today; see you soon!").waitFor({ timeout: 15_000 });
    const resolved = await api(`${hid}/resolve`, 'POST', {});
    expect(resolved.status).toBe(200);
    expect(resolved.body.rating).toBe(false);

    await w.getByText('Have a lovely day!').waitFor({ timeout: 15_000 });
    await w.locator('.bw-ended').waitFor({ timeout: 15_000 });
    await customer.waitForTimeout(400);
    await screenshot(customer, 'rt5s50-widget-resolved');
    const text = (await w.locator('.bw').textContent()) ?? '';
    expect(text.match(/This conversation has ended/g)?.length ?? 0).toBe(1);
    expect(await w.locator('.bw-ended').textContent()).toContain('This conversation has ended.');
    expect(await w.locator('.bw-sub').count()).toBe(0);
    expect(text).not.toContain('You can start again whenever you like');
    expect(text).not.toContain('how would you rate');
    expect(errors).toEqual([]);
  }, 120_000);
});
