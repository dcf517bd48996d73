/**
 * Session 46 (ui10, newcomer s45 N4): a chat transferred to Bob, opened by him to read it and then declined: the
 * customer read "Bob ... has joined the chat" then "I am finding someone else". Opening a chat is not arriving in it
 * (Chatwoot and Intercom tell the customer nothing when an agent opens or is given a chat; the agent's reply is her
 * arrival): the open is recorded (his row is no longer "not opened yet", no not-opened reassignment), and the joined
 * line comes with his first message. The same for a chat given automatically (one rule).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, autoAssign, flowWithTakeover, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);

const ann = agent('ann');
const bob = agent('bob');
const cara = agent('cara');
const JOINED = /has joined the conversation\./;

async function texts(r: AgentRuntime, c: { id: string; token: string }): Promise<string[]> {
  return ((await r.get(`/api/v1/conversations/${c.id}?after=0`, auth(c.token))).body.messages as Array<{ text: string }>).map((m) => m.text);
}

describe('opening a chat is not joining it (N4)', () => {
  it('transferred to Bob, opened, declined: the customer never reads that Bob joined', async () => {
    rt = await startAgentRuntime({ agents: [ann, bob, cara] });
    await online(rt, ann, bob);
    const c = await rt.customerWantsPerson();
    const h = await handoffOf(rt, c.id);
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann))).status).toBe(200);
    const opened = await rt.get(hid(h.id), tok(bob));
    expect(opened.status).toBe(200);
    // His inbox has it open (the row is no longer "not opened yet")...
    expect(opened.body.handoff.joined).toBe(true);
    expect(((await rt.get('/api/v1/agent/handoffs?view=mine', tok(bob))).body.handoffs as any[]).find((x) => x.id === h.id).joined).toBe(true);
    // ...and the customer is told nothing about Bob joining.
    expect((await texts(rt, c)).filter((t) => /Bob has joined/.test(t))).toEqual([]);
    await online(rt, cara);
    expect((await rt.post(`${hid(h.id)}/reject`, {}, tok(bob))).status).toBe(200); // the inbox's Decline
    const said = await texts(rt, c);
    expect(said.filter((t) => /Bob has joined/.test(t))).toEqual([]);
    expect(said.some((t) => /Bob will be with you shortly/.test(t))).toBe(true);
    expect(said.some((t) => /finding someone else/.test(t))).toBe(true);
  });

  it('given automatically, opened, then her first message: the joined line once, right before her words', async () => {
    rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover(autoAssign()) });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    await rt.tick();
    const h = await handoffOf(rt, c.id);
    expect((await rt.get(hid(h.id), tok(ann))).status).toBe(200);
    expect((await texts(rt, c)).filter((t) => JOINED.test(t))).toEqual([]);
    // Read as opened: the customer's "never mind" goes to her (she reads it), not a withdrawal.
    expect((await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'never mind, I sorted it' }, auth(c.token))).body.mode).toBe('agent');
    expect((await rt.post(`${hid(h.id)}/messages`, { text: 'Glad to hear it!' }, tok(ann))).status).toBe(200);
    const said = (await texts(rt, c)).filter((t) => !/^(The bot|Waiting|A person)/.test(t));
    expect(said.filter((t) => JOINED.test(t))).toEqual(['Ann has joined the conversation.']);
    expect(said.slice(-2)).toEqual(['Ann has joined the conversation.', 'Glad to hear it!']);
  });
});
