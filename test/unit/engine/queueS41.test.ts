/**
 * Session 41 (queue), the engine's side (over HTTP: test/server/queueS41.test.ts):
 * - newcomer s40 N2: `agent_declined` with `nobodyElse` (the runtime: nobody else signed in may take the chat) tells the
 *   customer once and leaves by No agent (else Timeout, else the conversation ends), instead of "finding someone else".
 * - hostile s40 M9: a put-back for not opening / not answering in time says the wait, not "someone else".
 * - hostile s40 M2: a withdrawal after an automatic assignment the agent has not opened yet cancels the request.
 * - newcomer s40 N3: a taken-over chat transferred (`auto`) says the colleague joined only when he opens it.
 * - newcomer s40 N12: the summary of a takeover reached by the flow's own "Talk to a person" option names it.
 */
import { describe, expect, it } from 'vitest';
import { converse, makeFlow, type BlockSpec } from './harness';
import { handoffWhy } from '../../../renderer/ui/reasonWords';

function flow(edges: [string, string, string][] = [['ht', 'resolved', 'bye'], ['ht', 'no_agent', 'sorry'], ['ht', 'timeout', 'late']]) {
  const blocks: BlockSpec[] = [
    { id: 'menu', kind: 'buttons', data: { text: 'What do you need?', options: [{ id: 'order', label: 'Order status' }, { id: 'person', label: 'Talk to a person' }] } },
    { id: 'ht', kind: 'human_takeover', data: { assignation: 'custom' } },
    { id: 'bye', kind: 'end', data: { text: 'Goodbye!' } },
    { id: 'sorry', kind: 'message', data: { text: 'Leave your details and we will get back to you.' } },
    { id: 'late', kind: 'message', data: { text: 'Nobody came in time, sorry.' } },
    { id: 'done', kind: 'end', data: { text: 'Done.' } },
  ];
  return makeFlow(blocks, [['menu', 'person', 'ht'], ['menu', 'order', 'done'], ['sorry', 'next', 'done'], ['late', 'next', 'done'], ...edges]);
}

/** A customer who pressed Talk to a person and was given to Ann automatically (not opened yet). */
function assigned(edges?: [string, string, string][]) {
  const c = converse(flow(edges));
  c.click('person');
  expect(c.mode()).toBe('waiting');
  const step = c.send({ type: 'agent_accepted', agentId: 'ann', agentName: 'Ann', auto: true, handoffId: c.state.handoff!.id, eventId: 'a1' });
  expect(step.rejected).toBeNull();
  return c;
}

describe('newcomer s40 N2: nobodyElse', () => {
  it('says the truth once and follows No agent; the handoff is rejected (requeued first, so the put-back is recorded)', () => {
    const c = assigned();
    const step = c.send({ type: 'agent_declined', agentId: 'ann', cause: 'went_offline', nobodyElse: true, handoffId: c.state.handoff!.id, eventId: 'd1' });
    expect(step.rejected).toBeNull();
    expect(step.messages.map((m) => m.text)).toEqual(['Sorry, Ann has had to leave and no one else from our team is available right now.', 'Leave your details and we will get back to you.', 'Done.']);
    expect(c.state.handoff!.status).toBe('rejected');
    expect(c.state.handoff!.transitions.map((t) => t.to)).toEqual(['pending', 'assigned', 'pending', 'rejected']);
    expect(c.state.handoff!.transitions[2]!.cause).toBe('went_offline');
    expect(c.state.timers).toEqual([]);
  });

  it('No agent not wired: the Timeout exit; neither: the conversation ends', () => {
    const byTimeout = assigned([['ht', 'resolved', 'bye'], ['ht', 'timeout', 'late']]);
    const s1 = byTimeout.send({ type: 'agent_declined', agentId: 'ann', cause: 'signed_out', nobodyElse: true, handoffId: byTimeout.state.handoff!.id, eventId: 'd1' });
    expect(s1.messages.map((m) => m.text)).toContain('Nobody came in time, sorry.');
    const neither = assigned([['ht', 'resolved', 'bye']]);
    const s2 = neither.send({ type: 'agent_declined', agentId: 'ann', cause: 'signed_out', nobodyElse: true, handoffId: neither.state.handoff!.id, eventId: 'd1' });
    expect(s2.messages.map((m) => m.text)).toEqual(['Sorry, Ann has had to leave and no one else from our team is available right now.', 'This conversation has ended.']);
    expect(neither.mode()).toBe('closed');
  });

  it('without nobodyElse the chat waits in the queue as before ("finding someone else")', () => {
    const c = assigned();
    const step = c.send({ type: 'agent_declined', agentId: 'ann', cause: 'went_offline', handoffId: c.state.handoff!.id, eventId: 'd1' });
    expect(step.messages.map((m) => m.text)).toEqual(['I am finding someone else to help you. Please stay with us.']);
    expect(c.state.handoff!.status).toBe('pending');
  });
});

describe('hostile s40 M9: not opened in time', () => {
  it('the customer hears the wait and that the chat keeps its place, not "someone else"', () => {
    for (const cause of ['not_opened', 'not_answered'] as const) {
      const c = assigned();
      const step = c.send({ type: 'agent_declined', agentId: 'ann', cause, handoffId: c.state.handoff!.id, eventId: 'd1' });
      expect(step.messages.map((m) => m.text)).toEqual(['Sorry for the wait. Your chat keeps its place at the front of the queue: the first colleague free will pick it up. Please stay with us.']);
    }
  });
});

describe('hostile s40 M2: withdrawn before the agent opened the chat', () => {
  it('"never mind, I sorted it" cancels the request as withdrawn and the bot answers', () => {
    const c = assigned();
    const step = c.say('never mind, I sorted it');
    expect(step.messages.map((m) => m.text)[0]).toBe("No problem, I've cancelled your request for a person.");
    expect(c.mode()).toBe('bot');
    expect(c.state.handoff).toMatchObject({ status: 'cancelled' });
    expect(c.state.handoff!.transitions.at(-1)).toMatchObject({ from: 'assigned', to: 'cancelled', ended: 'withdrawn', actor: 'customer' });
    expect(c.effects('relay_to_agent')).toEqual([]);
  });

  it('after she opened it (joined), the words are hers to read: relayed, nothing cancelled', () => {
    const c = assigned();
    c.send({ type: 'agent_joined', agentId: 'ann', handoffId: c.state.handoff!.id, eventId: 'j1' });
    const step = c.say('never mind, I sorted it');
    expect(step.effects.map((e) => e.type)).toEqual(['relay_to_agent']);
    expect(c.state.handoff!.status).toBe('assigned');
  });

  it('a question beside it, or "I\'ll wait", is not a withdrawal', () => {
    for (const text of ['never mind, can someone tell me where my parcel is?', "never mind, I'll wait"]) {
      const c = assigned();
      c.say(text);
      expect(c.state.handoff!.status, text).toBe('assigned');
    }
  });
});

describe('newcomer s40 N3: a taken-over chat transferred to a colleague', () => {
  it('"will be with you shortly", then "joined" when he opens it (or writes), once', () => {
    const c = converse(flow());
    c.send({ type: 'agent_takeover', agentId: 'ann', agentName: 'Ann', eventId: 't1' });
    const h = () => c.state.handoff!.id;
    c.send({ type: 'agent_declined', agentId: 'ann', transfer: { by: 'Ann', to: 'Bob' }, cause: 'transfer', handoffId: h(), eventId: 'd1' });
    const moved = c.send({ type: 'agent_accepted', agentId: 'bob', agentName: 'Bob', auto: true, handoffId: h(), eventId: 'a1' });
    expect(moved.messages.map((m) => m.text)).toEqual(['Bob from the team will be with you shortly.']);
    expect(c.state.handoff).toMatchObject({ status: 'assigned', agentId: 'bob', joined: false });
    const opened = c.send({ type: 'agent_joined', agentId: 'bob', handoffId: h(), eventId: 'j1' });
    expect(opened.messages.map((m) => m.text)).toEqual(['Bob from the team joined the conversation.']);
    expect(c.send({ type: 'agent_joined', agentId: 'bob', handoffId: h(), eventId: 'j2' }).rejected).not.toBeNull();
    const wrote = c.send({ type: 'agent_message', agentId: 'bob', agentName: 'Bob', text: 'Hi, Bob here.', handoffId: h(), eventId: 'm1' });
    expect(wrote.messages.map((m) => m.text)).toEqual(['Hi, Bob here.']);
  });

  it('a manual accept of a taken-over chat from the queue still says joined at once', () => {
    const c = converse(flow());
    c.send({ type: 'agent_takeover', agentId: 'ann', agentName: 'Ann', eventId: 't1' });
    c.send({ type: 'agent_declined', agentId: 'ann', cause: 'declined', handoffId: c.state.handoff!.id, eventId: 'd1' });
    const took = c.send({ type: 'agent_accepted', agentId: 'bob', agentName: 'Bob', handoffId: c.state.handoff!.id, eventId: 'a1' });
    expect(took.messages.map((m) => m.text)).toEqual(['Bob from the team joined the conversation.']);
  });
});

describe("newcomer s40 N12: the flow's own Talk to a person option", () => {
  it('the summary names the option; the inbox reads it as the bot\'s offer, not "The flow handed over"', () => {
    const c = converse(flow());
    c.click('person');
    const req = c.effects('handoff_request')[0]!;
    expect(req.context.reason).toBe('flow');
    expect(req.context.summary).toContain('Handed over because the customer chose "Talk to a person" where the flow offered a person.');
    expect(handoffWhy('flow', req.context.summary)).toBe('Chose “Talk to a person” (the bot\'s offer)');
  });

  it('a takeover the flow reaches by itself keeps "the flow reached a human takeover"', () => {
    const blocks: BlockSpec[] = [
      { id: 'hello', kind: 'message', data: { text: 'Hello.' } },
      { id: 'ht', kind: 'human_takeover', data: { assignation: 'custom' } },
    ];
    const c = converse(makeFlow(blocks, [['hello', 'next', 'ht']]));
    const summary = c.effects('handoff_request')[0]!.context.summary;
    expect(summary).toContain('Handed over because the flow reached a human takeover.');
    expect(handoffWhy('flow', summary)).toBe('The flow handed over');
  });
});
