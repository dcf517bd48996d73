/**
 * Session 46 (ui10, newcomer s45 N8): after an agent set the customer's name, the inbox's "Why the bot handed over"
 * still began with the summary written at the handover: "The customer (dana@example.com) is waiting." The variable
 * edit now says the summary's lead again with the name and contact set (the rest of the summary as written), in the
 * list row and the chat's context, for every agent, also after a transfer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

const ann = agent('ann');
const bob = agent('bob');
const hid = (id: string) => `/api/v1/agent/handoffs/${encodeURIComponent(id)}`;

describe('the handover summary names the customer as set (N8)', () => {
  it('name, then email and phone: the list row and the context say them; the rest of the summary stays', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob] });
    for (const a of [ann, bob]) await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(a));
    const c = await rt.customerWantsPerson();
    const h = (await rt.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs[0];
    const was: string = h.summary;
    expect(was).toMatch(/^The customer\b/);
    const rest = was.replace(/^The customer(?: \([^)]*\))?/, '');
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    expect((await rt.patch(`/api/v1/agent/conversations/${c.id}/variables`, { variables: { customerName: 'Dana Scully' } }, tok(ann))).status).toBe(200);
    const row = (await rt.get('/api/v1/agent/handoffs?view=mine', tok(ann))).body.handoffs[0];
    expect(row.summary.startsWith('Dana Scully')).toBe(true);
    expect(row.summary).not.toMatch(/^The customer/);
    expect(row.summary.endsWith(rest)).toBe(true);
    const detail = (await rt.get(hid(h.id), tok(ann))).body;
    expect(detail.context.summary).toBe(row.summary);

    expect((await rt.patch(`/api/v1/agent/conversations/${c.id}/variables`, { variables: { customerEmail: 'dana@example.com', customerPhone: '+44 20 7946 0000' } }, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann))).status).toBe(200);
    const bobs = (await rt.get(hid(h.id), tok(bob))).body;
    expect(bobs.context.summary).toBe(`Dana Scully (dana@example.com, +44 20 7946 0000)${rest}`);

    // Cleared again: the lead the bot would write without a name.
    expect((await rt.patch(`/api/v1/agent/conversations/${c.id}/variables`, { variables: { customerName: null } }, tok(bob))).status).toBe(200);
    expect((await rt.get(hid(h.id), tok(bob))).body.context.summary).toBe(`The customer (dana@example.com, +44 20 7946 0000)${rest}`);
  });
});
