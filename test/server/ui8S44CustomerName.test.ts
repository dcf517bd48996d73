/**
 * Session 44 (ui8, newcomer s44 N14): after Ann set the customer's name and transferred the chat, Bob's list (and the
 * pop-up built from it) still named the customer by the email until he opened it: the list's name is read from the
 * handoff's request, which the variable edit did not change. Now it does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, PASSWORD, startAgentRuntime, stopAgentRuntimes, tok, type AgentRuntime } from './agentFixtures';
import { openStream } from './agentSse';

let rt: AgentRuntime | null = null;
afterEach(stopAgentRuntimes);
void PASSWORD;

const ann = agent('ann');
const bob = agent('bob');
const hid = (id: string) => `/api/v1/agent/handoffs/${encodeURIComponent(id)}`;

describe('the customer named by an agent (N14)', () => {
  it("is the name in the lists of every agent, before the chat is opened, also after a transfer", async () => {
    rt = await startAgentRuntime({ agents: [ann, bob] });
    for (const a of [ann, bob]) await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(a));
    const c = await rt.customerWantsPerson();
    const h = (await rt.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs[0];
    const before = h.customer;
    expect(before).not.toBe('Lee Park');
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    const ok = await rt.patch(`/api/v1/agent/conversations/${c.id}/variables`, { variables: { customerName: 'Lee Park' } }, tok(ann));
    expect(ok.status).toBe(200);
    const mine = (await rt.get('/api/v1/agent/handoffs?view=mine', tok(ann))).body.handoffs;
    expect(mine.map((x: { customer: string }) => x.customer)).toEqual(['Lee Park']);
    expect((await rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann))).status).toBe(200);
    const bobs = (await rt.get('/api/v1/agent/handoffs?view=mine', tok(bob))).body.handoffs;
    expect(bobs.map((x: { customer: string }) => x.customer)).toEqual(['Lee Park']);
    // Cleared again: the list falls back as before (email, else "Visitor ...").
    const cleared = await rt.patch(`/api/v1/agent/conversations/${c.id}/variables`, { variables: { customerName: null } }, tok(bob));
    expect(cleared.status).toBe(200);
    expect((await rt.get('/api/v1/agent/handoffs?view=mine', tok(bob))).body.handoffs[0].customer).toBe(before);
  });

  it("session 45 (ui9, retest s44 #5): the push event of the transfer names the customer as the list does", async () => {
    rt = await startAgentRuntime({ agents: [ann, bob] });
    for (const a of [ann, bob]) await rt.post('/api/v1/agent/presence', { status: 'online' }, tok(a));
    const c = await rt.customerWantsPerson();
    const h = (await rt.get('/api/v1/agent/handoffs', tok(ann))).body.handoffs[0];
    expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    expect((await rt.patch(`/api/v1/agent/conversations/${c.id}/variables`, { variables: { customerName: 'Lee Park' } }, tok(ann))).status).toBe(200);
    const events = await openStream(`${rt.url}/api/v1/agent/events`, tok(bob));
    expect((await rt.post(`${hid(h.id)}/transfer`, { agentId: 'bob' }, tok(ann))).status).toBe(200);
    // Bob's inbox builds "Ann transferred a chat to you" from this event: the name Ann set, not the summary's email.
    const f = await events.until((x) => x.event === 'handoff' && x.data.handoff?.id === h.id && x.data.handoff.agentId === 'bob', "Bob's transfer event");
    expect(f.data.handoff.customer).toBe('Lee Park');
    events.close();
  });
});
