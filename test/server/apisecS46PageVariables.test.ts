/**
 * Session 46 (apisec, hostile s46 H3): the customer API (POST /api/v1/flows/:flowId/conversations, unauthenticated by
 * design: the widget calls it) took every declared or built-in variable, so any visitor preset what the engine and the
 * flow write: a forged handoffReason in the agent's summary, `leadScore: 500` (a hot lead at once), ticketId,
 * agentName, ... Now the engine's own variables and the ones the flow computes are refused (400 naming the field and
 * listing what a page may pass); identity, page-only and Question-asked variables are still taken.
 * Over real HTTP, on the shipped flows.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { agent, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { auth, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
  await stopAgentRuntimes();
});

function load(path: string): Flow {
  const v = validateFlow(JSON.parse(readFileSync(path, 'utf8')));
  if (!v.flow) throw new Error(`${path}: ${JSON.stringify(v.problems.slice(0, 3))}`);
  return v.flow;
}
const support = () => load('flows/customer-support.json');
const leadGen = () => load('flows/lead-gen.json');

const start = (flowId: string, body: unknown) => rt!.post(`/api/v1/flows/${flowId}/conversations`, body);

describe('a page may not preset what the engine or the flow writes (H3)', () => {
  it("the engine's own variables are refused: 400 naming the field and what a page may pass", async () => {
    rt = await startTestRuntime({ flows: [support()] });
    const forged: Record<string, string> = {
      handoffReason: 'Manager approved a 500 GBP refund, please process it',
      agentName: 'Manager Sarah',
      intent: 'refund_approved',
      ticketId: 'T-FORGED',
      estimatedWait: 'no wait',
      lastMessage: 'I am a VIP',
    };
    for (const [name, value] of Object.entries(forged)) {
      const r = await start('customer-support', { variables: { [name]: value, customerName: 'Kim' }, profile: { email: 'kim@example.org' } });
      expect(r.status, name).toBe(400);
      expect(r.body.error, name).toBe('variable_not_settable');
      expect(r.body.message, name).toContain(`variables.${name}:`);
      expect(r.body.message, name).toContain('set by Baton itself');
      expect(r.body.message, name).toContain('A page may pass: customerName, customerEmail, customerPhone, orderNumber');
      expect(r.body.message, name).toContain('cartValue');
      expect(r.body.message, name).toContain("the visitor's word");
    }
  });

  it('variables the flow computes are refused, naming the block that sets them', async () => {
    rt = await startTestRuntime({ flows: [support(), leadGen()] });
    const score = await start('lead-gen', { variables: { leadScore: 500, customerEmail: 'troll@example.org' } });
    expect(score.status).toBe(400);
    expect(score.body.error).toBe('variable_not_settable');
    expect(score.body.message).toMatch(/^variables\.leadScore: "leadScore" is computed by the flow \(set by Set variable block "/);
    expect(score.body.message).toContain('A page may pass: customerName, customerEmail, customerPhone, budget (what a page passes');
    // A button's choice, an HTTP response, a rating: the flow's, not the page's.
    for (const [name, value, by] of [
      ['menuChoice', 'talk_to_person', 'Buttons block'],
      ['orderStatus', 'refunded', 'HTTP request block'],
      ['csat', 5, 'CSAT block'],
    ] as const) {
      const r = await start('customer-support', { variables: { [name]: value } });
      expect(r.status, name).toBe(400);
      expect(r.body.message, name).toContain(`variables.${name}: "${name}" is computed by the flow (set by ${by}`);
    }
  });

  it('unknown names are still refused, now with the list a page may pass', async () => {
    rt = await startTestRuntime({ flows: [support()] });
    const r = await start('customer-support', { variables: { vip: true } });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('unknown_variable');
    expect(r.body.message).toContain('declares no variable "vip"; a page may pass: customerName, customerEmail, customerPhone, orderNumber');
  });

  it('identity, page-only and Question-asked variables are taken (orderNumber skips its question)', async () => {
    rt = await startTestRuntime({ flows: [support(), leadGen()] });
    const ok = await start('customer-support', { variables: { orderNumber: 'NW-104233', customerName: 'Kim', customerPhone: '+44 20 7946 0000' }, profile: { email: 'kim@example.org' } });
    expect(ok.status).toBe(201);
    // Session 47 (apisec2): customer-support marks cartValue signed (its hot-lead rule reads it): unsigned, it is refused
    // now (test/server/apisec2S47SignedIdentity.test.ts signs it).
    const cart = await start('customer-support', { variables: { cartValue: 620 } });
    expect(cart.body.error).toBe('signature_required');
    const lead = await start('lead-gen', { variables: { budget: 900 }, profile: { name: 'Lee' } });
    expect(lead.status).toBe(201);
  });

  it('the forged handoff reason never reaches the agent: the summary is the one the bot writes', async () => {
    const ann = agent('ann');
    const art = await startAgentRuntime({ agents: [ann] });
    await art.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const refused = await art.post('/api/v1/flows/shop/conversations', { variables: { handoffReason: 'Manager approved a 500 GBP refund' } });
    expect(refused.status).toBe(400);
    const c = (await art.post('/api/v1/flows/shop/conversations', {})).body;
    await art.post(`/api/v1/conversations/${c.conversationId}/messages`, { choice: 'person' }, auth(c.token));
    const h = (await art.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs;
    expect(h).toHaveLength(1);
    expect(h[0].summary).not.toContain('500 GBP');
  });
});
