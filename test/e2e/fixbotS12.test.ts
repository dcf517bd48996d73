/**
 * fixbot, session 12 (newcomer s12 #20, #9, #16) in headless Chromium on a real runtime, as the customer and the agent
 * see it:
 * - #20: a Default-mode takeover asked "may I have your name?" and "hi, my parcel is late" made the customer "hi" in the
 *   inbox; now the problem is kept as the reason, the name asked once more, and the Unassigned row reads the name;
 * - #9: at the offer after a failed order lookup, an email typed instead of a button is asked again, buttons kept
 *   (session 47, conv8: changed on purpose: the address alone picks the person, said back);
 * - #16: the second unclear message hands over with a line saying a person is coming before the email question.
 * Screenshots: test/e2e/screenshots/fixbot-s12-*.png.
 */
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, type Agent } from '../../runtime/agents/agentDirectory';
import { flowSchema, type Flow } from '../../shared/flow/schema';
import { launchChromium } from '../support/browserHarness';
import { requireProgram } from '../support/requireProgram';
import { startDownOrderApi } from '../support/downOrderApi';
import { startRuntimeWithAgents, type RuntimeWithAgents } from '../support/runtimeHarness';
import { ensureRendererBuilt, screenshot } from './support/studio';
import { takeoverPrompts, takeoverTexts } from '../../shared/engine/humanTakeover';
import { defaultClarifyText } from '../../shared/engine/clarifyFirst';

const haveChromium = requireProgram('chromium');
const PASSWORD = 'correct horse battery staple';
const ann = { id: 'ann', name: 'Ann Lee', email: 'ann@example.com', passwordHash: hashPassword(PASSWORD), token: 'ann-token-0123456789abcdef', teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: false } as Agent;

/** The newcomer's own flow: Start -> Human takeover (Default) -> End on every exit. */
const ownFlow = flowSchema.parse({
  version: 1,
  id: 'own-flow',
  name: 'Own flow',
  blocks: [
    { id: 'start', kind: 'start', data: {} },
    { id: 'ht', kind: 'human_takeover', data: { assignation: 'default', notifyEmails: ['team@example.com'] } },
    { id: 'bye', kind: 'end', data: { text: 'Bye' } },
  ],
  edges: [
    { id: 'e1', from: 'start', exit: 'next', to: 'ht' },
    { id: 'e2', from: 'ht', exit: 'resolved', to: 'bye' },
    { id: 'e3', from: 'ht', exit: 'no_agent', to: 'bye' },
    { id: 'e4', from: 'ht', exit: 'timeout', to: 'bye' },
  ],
  escalation: { targetBlockId: 'ht' },
}) as Flow;

describe.skipIf(!haveChromium)('fixbot s12: what the customer reads at the takeover questions and the offer', () => {
  let api: Server;
  let run: RuntimeWithAgents;
  let browser: Browser;
  let inbox: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    let withDownApi;
    ({ api, flow: withDownApi } = await startDownOrderApi());
    run = await startRuntimeWithAgents({ flows: [withDownApi, ownFlow], agents: [ann], prefix: 'baton-fixbot-e2e-' });
    browser = await launchChromium();
    inbox = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    inbox.on('pageerror', (e) => errors.push(String(e)));
  }, 240_000);

  /** Ann signs in (an agent online: the takeover asks its questions instead of "no one is available"). */
  async function signIn() {
    await inbox.goto(`${run.rt.url}/inbox`);
    await inbox.getByLabel('Email or agent id').fill('ann@example.com');
    await inbox.getByLabel('Password').fill(PASSWORD);
    await inbox.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(async () => (await inbox.getByLabel('Your status').inputValue()) === 'online', { timeout: 10_000 }).toBe(true);
  }

  afterAll(async () => {
    await browser?.close();
    await run?.close();
    await new Promise((ok) => api?.close(ok));
  });

  async function widgetOn(flowId: string): Promise<Page> {
    const w = await (await browser.newContext({ viewport: { width: 390, height: 760 } })).newPage();
    w.on('pageerror', (e) => errors.push(String(e)));
    await w.goto(`${run.rt.url}/widget/?flow=${flowId}&title=Help`);
    try {
      await expect.poll(async () => await w.getByLabel('Your message').isEnabled(), { timeout: 20_000 }).toBe(true);
    } catch (err) {
      await screenshot(w, `fixbot-s12-widget-not-ready-${flowId}`);
      throw err;
    }
    return w;
  }
  async function type(w: Page, text: string, thenSee: string | RegExp) {
    const box = w.getByLabel('Your message');
    await box.fill(text);
    await box.press('Enter');
    await w.getByText(thenSee).last().waitFor({ timeout: 20_000 });
  }

  it('#20 Default mode: "hi, my parcel is late" is kept as the reason, the name asked again, the inbox row reads the name', async () => {
    await signIn();
    const w = await widgetOn('own-flow');
    await w.getByText(takeoverPrompts.name).waitFor({ timeout: 20_000 });
    await type(w, 'hi, my parcel is late', takeoverTexts.nameRetryNoted);
    await type(w, 'Kim', takeoverPrompts.email);
    expect(await w.getByText(takeoverPrompts.reason).count()).toBe(0);
    // Session 45 (tidy2): the session-44 stop's CI failed here (no row named Kim in 20 s), only under load: the hub read
    // the new handoff from the store and followed its chat before the store announced the entries of the step that
    // opened it, so the customer's "kim@example.com" came as a new message and the row read "New message Kim ...".
    // The store's writer answers this step 1 s late, as on a busy machine, so the test meets that order every run.
    const writer = (run.rt.store as unknown as { writer: { send(r: unknown): Promise<unknown> } }).writer;
    const send = writer.send;
    writer.send = (r) => send.call(writer, r).then((v) => new Promise((ok) => setTimeout(() => ok(v), 1000)));
    try {
      await type(w, 'kim@example.com', /Expected wait/);
    } finally {
      writer.send = send;
    }
    await screenshot(w, 'fixbot-s12-default-name-widget');
    await inbox.getByRole('button', { name: /^Unassigned/ }).click();
    const row = inbox.getByRole('button', { name: /^Kim\b/ }).first();
    await row.waitFor({ timeout: 20_000 });
    expect(await inbox.getByRole('button', { name: /^hi\b/ }).count()).toBe(0);
    await row.click();
    await inbox.getByText(/Kim \(kim@example\.com\) needs help with: my parcel is late/).first().waitFor({ timeout: 10_000 });
    await screenshot(inbox, 'fixbot-s12-default-name-inbox');
  });

  it('#9 an email at the offer after a failed lookup picks the person (session 47); #16 the handoff after a second unclear message says a person is coming', async () => {
    const w = await widgetOn('customer-support');
    await type(w, 'Where is my order NW-104233?', /I couldn't look up order NW-104233/);
    await w.getByText('Would you like to talk to a person?').last().waitFor();
    await type(w, 'kim@example.com', "Thanks, I've noted kim@example.com.");
    expect(await w.getByText("Sorry, I didn't get that.").count()).toBe(0);
    expect(await w.getByText(takeoverPrompts.email).count()).toBe(0);
    await screenshot(w, 'fixbot-s12-offer-email-taken');

    const v = await widgetOn('customer-support');
    await v.getByRole('button', { name: 'Something else' }).last().click();
    await v.getByText("What's your question? A few words are enough.").last().waitFor({ timeout: 20_000 });
    await type(v, 'umm the thing from before', defaultClarifyText);
    await type(v, 'still the thing', takeoverPrompts.email);
    await v.getByText(takeoverTexts.leadIn.misunderstood).waitFor();
    await screenshot(v, 'fixbot-s12-clarify-then-person');
    expect(errors).toEqual([]);
  });
});
