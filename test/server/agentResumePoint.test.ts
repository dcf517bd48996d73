/**
 * Hand-back tells the agent where the bot picks up (issue 10, N13): GET /api/v1/agent/handoffs/:id answers
 * `resumesAt` (block id, kind, a Question's text + variable), so the inbox can offer to fill that variable first;
 * filled, a "skip when already known" question is not asked again after the handback. Real HTTP on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { shopFlow } from './runtimeFixtures';
import { agent, hid, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';
import type { Flow } from '../../shared/flow/schema';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

const ann = agent('ann');

/** The shop flow whose Human Takeover `resolved` exit goes to "What's your order number?" (skip when known). */
function flowAskingAfterHandback(): Flow {
  const base = shopFlow({ variables: [{ name: 'orderNumber', type: 'string' }] });
  return {
    ...base,
    blocks: [...base.blocks, { id: 'askOrder', kind: 'question', data: { text: "What's your order number?", inputType: 'text', variable: 'orderNumber', retryMessage: 'Again?', maxRetries: 2, skipIfKnown: true } } as Flow['blocks'][number]],
    edges: [...base.edges.map((e) => (e.id === 'e12' ? { ...e, to: 'askOrder' } : e)), { id: 'e20', from: 'askOrder', exit: 'next', to: 'thanks' }],
  };
}

describe('where the bot resumes after a handback', () => {
  it('a handoff answers resumesAt with the next question; filled first, the bot skips it after the handback', async () => {
    rt = await startAgentRuntime({ agents: [ann], flow: flowAskingAfterHandback() });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const c = await rt.customerWantsPerson();
    const list = (await rt.get('/api/v1/agent/handoffs?view=unassigned', tok(ann))).body;
    const h = list.handoffs.find((x: any) => x.conversationId === c.id);
    expect(h).toBeTruthy();
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);

    const detail = (await rt.get(hid(h.id), tok(ann))).body;
    expect(detail.resumesAt).toEqual({ blockId: 'askOrder', kind: 'question', question: { text: "What's your order number?", variable: 'orderNumber', skipIfKnown: true } });

    // The customer told the agent; the agent saves it, then hands back: the bot does not ask again. (Session 45, ui9: she
    // answers first; handed back without a word, a takeover the flow reached leaves by No agent, not Resolved.)
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Thanks, I have your order number.' }, tok(ann))).status).toBe(200);
    const set = await rt.patch(`/api/v1/agent/conversations/${c.id}/variables`, { variables: { orderNumber: 'NW-104233' } }, tok(ann));
    expect(set.status).toBe(200);
    const back = await rt.post(`${hid(h.id)}/handback`, {}, tok(ann));
    expect(back.status).toBe(200);
    const bot = back.body.messages.filter((m: any) => m.from === 'bot').map((m: any) => m.text);
    expect(bot).not.toContain("What's your order number?");
    expect(bot).toContain('Glad we could help.');
  });

  it('a takeover resumes at the block the bot was waiting at (buttons: no question to fill)', async () => {
    rt = await startAgentRuntime({ agents: [ann] });
    await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(ann));
    const c = await rt.post('/api/v1/flows/shop/conversations', {});
    const take = await rt.post(`/api/v1/agent/conversations/${c.body.conversationId}/takeover`, {}, tok(ann));
    expect(take.status).toBe(200);
    const detail = (await rt.get(hid(take.body.handoff.id), tok(ann))).body;
    expect(detail.resumesAt).toEqual({ blockId: 'menu', kind: 'buttons', question: null });
  });
});
