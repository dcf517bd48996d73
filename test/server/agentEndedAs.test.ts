/**
 * Hand back vs resolve in the agent API (newcomer s7 #3): both leave the handoff `resolved`, but the list and detail
 * rows say how it ended (`endedAs`: 'handback', the bot goes on with the customer; 'closed', the agent ended it), so
 * the inbox can show "Back with the bot" instead of "Resolved". Over real HTTP on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agent, handoffOf, hid, online, startAgentRuntime, stopAgentRuntimes, tok } from './agentFixtures';
import { auth } from './runtimeFixtures';

const ann = agent('ann');
afterEach(stopAgentRuntimes);

describe('how a resolved handoff ended', () => {
  it("'handback' after Hand back (the conversation is with the bot), 'closed' after Resolve", async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const back = await rt.customerWantsPerson();
    const closed = await rt.customerWantsPerson();
    for (const c of [back, closed]) {
      const h = await handoffOf(rt, c.id);
      expect(h.endedAs).toBeNull();
      expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
    }
    const hb = await handoffOf(rt, back.id);
    expect((await rt.post(`${hid(hb.id)}/handback`, {}, tok(ann))).status).toBe(200);
    const hc = await handoffOf(rt, closed.id);
    expect((await rt.post(`${hid(hc.id)}/resolve`, {}, tok(ann))).status).toBe(200);

    const rows = (await rt.get('/api/v1/agent/handoffs?view=closed', tok(ann))).body.handoffs as any[];
    const row = (cid: string) => rows.find((r) => r.conversationId === cid);
    expect(row(back.id)).toMatchObject({ status: 'resolved', endedAs: 'handback' });
    expect(row(closed.id)).toMatchObject({ status: 'resolved', endedAs: 'closed' });
    expect((await rt.get(hid(hb.id), tok(ann))).body.handoff.endedAs).toBe('handback');
    // The handed-back conversation is with the bot again; the closed one is closed.
    expect((await rt.get(hid(hb.id), tok(ann))).body.conversation.mode).toBe('bot');
    expect((await rt.get(hid(hc.id), tok(ann))).body.conversation.mode).toBe('closed');
  });
});

describe('session 39: the ending is recorded, not read from the note', () => {
  it("an agent's own note on Hand back or Resolve no longer hides how the chat ended", async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const back = await rt.customerWantsPerson();
    const closed = await rt.customerWantsPerson();
    for (const c of [back, closed]) expect((await rt.post(`${hid((await handoffOf(rt, c.id)).id)}/accept`, {}, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid((await handoffOf(rt, back.id)).id)}/handback`, { note: 'Sorted the refund, bot can take it' }, tok(ann))).status).toBe(200);
    expect((await rt.post(`${hid((await handoffOf(rt, closed.id)).id)}/resolve`, { note: 'Refund issued' }, tok(ann))).status).toBe(200);
    expect(await handoffOf(rt, back.id)).toMatchObject({ status: 'resolved', endedAs: 'handback' });
    expect(await handoffOf(rt, closed.id)).toMatchObject({ status: 'resolved', endedAs: 'closed' });
    const t = (await rt.get(hid((await handoffOf(rt, closed.id)).id), tok(ann))).body.handoff;
    expect(t.endedAs).toBe('closed');
  });
});

describe('a request withdrawn in the queue (hostile s38 H1)', () => {
  it("'withdrawn': the customer's \"never mind, no need for a person\" cancels the pending handoff, and the bot answers", async () => {
    const rt = await startAgentRuntime({ agents: [ann] });
    await online(rt, ann);
    const c = await rt.customerWantsPerson();
    expect((await handoffOf(rt, c.id)).status).toBe('pending');
    const r = await rt.post(`/api/v1/conversations/${c.id}/messages`, { text: 'never mind, I found it, no need for a person' }, auth(c.token));
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe('bot');
    expect(r.body.messages.map((m: any) => m.text)).toContain("No problem, I've cancelled your request for a person.");
    const h = await handoffOf(rt, c.id);
    expect(h).toMatchObject({ status: 'cancelled', endedAs: 'withdrawn' });
    // A customer who left (the widget's leave) stays a plain cancellation.
    const gone = await rt.customerWantsPerson();
    expect((await rt.post(`/api/v1/conversations/${gone.id}/leave`, {}, auth(gone.token))).status).toBeLessThan(300);
    expect(await handoffOf(rt, gone.id)).toMatchObject({ status: 'cancelled', endedAs: null });
  });
});
