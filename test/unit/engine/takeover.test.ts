import { describe, it, expect } from 'vitest';
import { converse, makeFlow, DEFAULT_NOW, plain } from './harness';
import { parseConversationState } from '../../../shared/engine/conversationStateSchema';
import type { Input } from '../../../shared/engine/types';

/** start -> order question -> thanks (end); and a buttons menu flow for the "waiting at buttons" case. */
function questionFlow() {
  return makeFlow(
    [
      { id: 'q', kind: 'question', data: { text: 'What is your order number?', variable: 'order' } },
      { id: 'bye', kind: 'end', data: { text: 'Thanks, order {{order}} noted.' } },
    ],
    [['q', 'next', 'bye']],
  );
}

function takeover(eventId = 'tk1', agentId = 'a1', agentName = 'Ana'): Input {
  return { type: 'agent_takeover', agentId, agentName, eventId };
}

describe('agent_takeover: an agent takes over a live bot conversation', () => {
  it('during a question: handoff created and assigned at once, agent mode, the customer is told who joined', () => {
    const c = converse(questionFlow());
    expect(c.state.waiting).toEqual({ kind: 'input', blockId: 'q', retries: 0 });
    const step = c.send(takeover());
    expect(step.rejected).toBeNull();
    expect(c.mode()).toBe('agent');
    expect(c.state.waiting).toEqual({ kind: 'handoff', blockId: 'q', takeoverFrom: 'input' });
    expect(c.state.handoff).toMatchObject({ id: 'c1:h1', status: 'assigned', agentId: 'a1', agentName: 'Ana', reason: 'flow', blockId: 'q' });
    expect(c.state.handoff!.transitions.map((t) => [t.from, t.to, t.actor])).toEqual([
      [null, 'pending', 'agent:a1'],
      ['pending', 'assigned', 'agent:a1'],
    ]);
    expect(c.state.handoff!.transitions[0].note).toBe('Ana took over a live bot conversation');
    expect(step.messages).toEqual([{ from: 'system', text: 'Ana from the team joined the conversation.', blockId: 'q' }]);
    // The same effects as a block handoff then an accept, in that order; no queue timer (nobody waits in a queue).
    const types = step.effects.map((e) => e.type);
    expect(types).toEqual(['handoff_request', 'handoff_update']);
    const [req, upd] = plain(step.effects);
    expect(req).toMatchObject({ type: 'handoff_request', autoAssign: null, agents: [], teams: [], handoff: { id: 'c1:h1', status: 'pending' } });
    if (req.type !== 'handoff_request') throw new Error('unreachable');
    expect(req.context.summary).toMatch(/^Ana took this conversation over from the bot\./);
    expect(req.context.transcript.map((e) => e.text)).toContain('What is your order number?');
    expect(upd).toMatchObject({ type: 'handoff_update', handoff: { id: 'c1:h1', status: 'assigned', agentId: 'a1' } });
    expect(c.effects('set_timer')).toEqual([]);
    expect(c.variables().agentName).toBe('Ana');
    // The state stays valid under the strict schema.
    expect(parseConversationState(c.state).ok).toBe(true);
  });

  it('customer text while the agent holds it is relayed to the agent, never answered by the bot', () => {
    const c = converse(questionFlow());
    c.send(takeover());
    const step = c.say('12345, and why is it late?');
    expect(step.rejected).toBeNull();
    expect(step.messages).toEqual([]);
    expect(step.decision).toBeNull();
    expect(plain(step.effects)).toEqual([{ type: 'relay_to_agent', handoffId: 'c1:h1', text: '12345, and why is it late?' }]);
    expect(c.variables().order).toBeUndefined();
    expect(c.state.waiting).toMatchObject({ kind: 'handoff', blockId: 'q' });
    expect(step.transcript.map((e) => e.from)).toEqual(['customer']);
    const reply = c.agent.say('Let me check that for you.');
    expect(reply.messages).toEqual([{ from: 'agent', text: 'Let me check that for you.', name: 'Ana' }]);
  });

  it('handback: the bot asks the question it was waiting at again, and then carries on with the flow', () => {
    const c = converse(questionFlow());
    c.say(''); // ignored (empty)
    c.send(takeover());
    c.say('hello?');
    c.agent.say('Hi, Ana here.');
    const back = c.agent.handback();
    expect(back.rejected).toBeNull();
    expect(c.mode()).toBe('bot');
    expect(c.state.handoff).toMatchObject({ status: 'resolved' });
    expect(back.messages.map((m) => [m.from, m.text])).toEqual([
      ['system', 'Ana handed the conversation back to the bot.'],
      ['bot', 'What is your order number?'],
    ]);
    expect(c.state.waiting).toEqual({ kind: 'input', blockId: 'q', retries: 0 });
    expect(plain(back.effects)).toEqual([{ type: 'handoff_update', handoff: expect.objectContaining({ status: 'resolved' }) }]);
    const answer = c.say('A-778');
    expect(answer.messages.map((m) => m.text)).toContain('Thanks, order A-778 noted.');
  });

  it('at buttons and during an offer of a person: handback shows the block again', () => {
    const flow = makeFlow(
      [
        { id: 'menu', kind: 'buttons', data: { text: 'What do you need?', options: [{ id: 'track', label: 'Track my order' }, { id: 'refund', label: 'Refund' }] } },
        { id: 'end', kind: 'end', data: { text: 'ok' } },
      ],
      [
        ['menu', 'track', 'end'],
        ['menu', 'refund', 'end'],
      ],
    );
    const c = converse(flow);
    c.send(takeover());
    // A button click while the agent holds the chat is refused (nothing on screen for the bot to act on).
    expect(c.click('track').rejected).not.toBeNull();
    const back = c.agent.handback();
    expect(back.messages.at(-1)).toMatchObject({ from: 'bot', text: 'What do you need?', buttons: [{ id: 'track' }, { id: 'refund' }] });
    expect(c.click('track').rejected).toBeNull();
  });

  it('agent_closed after a takeover closes the conversation', () => {
    const c = converse(questionFlow());
    c.send(takeover());
    const step = c.agent.close();
    expect(c.mode()).toBe('closed');
    expect(c.state.waiting).toBeNull();
    expect(c.state.handoff).toMatchObject({ status: 'resolved' });
    expect(plain(step.effects).map((e) => e.type)).toEqual(['handoff_update', 'end']);
    expect(step.effects.find((e) => e.type === 'end')).toMatchObject({ reason: 'agent_closed' });
  });

  it('a duplicate event is refused and changes nothing', () => {
    const c = converse(questionFlow());
    c.send(takeover('ev-1'));
    const before = c.state;
    const again = c.send(takeover('ev-1'));
    expect(again.rejected?.reason).toMatch(/already applied/);
    expect(again.state).toBe(before);
    expect(again.effects).toEqual([]);
    // A second takeover with a fresh id is refused too: someone already holds it.
    const other = c.send(takeover('ev-2', 'a2', 'Ben'));
    expect(other.rejected?.reason).toBe('Ana already has this conversation.');
  });

  it('refused while the customer already waits for a person, once closed, and while an HTTP call is pending', () => {
    const waiting = converse(makeFlow([{ id: 'ht', kind: 'human_takeover' }], []));
    expect(waiting.mode()).toBe('waiting');
    const r = waiting.send(takeover());
    expect(r.rejected?.reason).toMatch(/already waiting for a person \(handoff c1:h1\): accept that handoff instead/);
    expect(r.state).toBe(waiting.steps[0].state);

    const closed = converse(makeFlow([{ id: 'end', kind: 'end', data: { text: 'bye' } }], []));
    expect(closed.mode()).toBe('closed');
    expect(closed.send(takeover()).rejected?.reason).toMatch(/closed/);

    const http = converse(
      makeFlow(
        [
          { id: 'call', kind: 'http_request', data: { url: 'https://api.example.com/x' } },
          { id: 'end', kind: 'end', data: { text: 'done' } },
        ],
        [
          ['call', 'success', 'end'],
          ['call', 'error', 'end'],
        ],
      ),
    );
    expect(http.state.waiting?.kind).toBe('http');
    expect(http.send(takeover()).rejected?.reason).toMatch(/HTTP call/);

    const noName = converse(questionFlow()).send({ type: 'agent_takeover', agentId: 'a1', agentName: ' ', eventId: 'x' });
    expect(noName.rejected?.reason).toMatch(/agentName/);
  });

  it('other agents cannot write in a taken-over chat', () => {
    const c = converse(questionFlow());
    c.send(takeover());
    expect(c.agent.say('hi', 'a2').rejected?.reason).toMatch(/with Ana, not a2/);
    expect(c.mode()).toBe('agent');
  });

  it('decline / transfer puts it in the queue: another agent accepts, then hands back and the bot asks again', () => {
    const c = converse(questionFlow());
    c.send(takeover());
    const declined = c.agent.decline('Transferred to Ben', { by: 'Ana', to: 'Ben' });
    expect(declined.rejected).toBeNull();
    // Told as a transfer, not as a lost agent.
    expect(declined.messages).toContainEqual(expect.objectContaining({ from: 'bot', text: 'Ana is transferring you to Ben. Please stay with us.' }));
    expect(c.mode()).toBe('waiting');
    expect(c.state.handoff).toMatchObject({ status: 'pending', agentId: null, deadline: DEFAULT_NOW + 10 * 60_000 });
    expect(c.effects('set_timer')).toEqual([{ type: 'set_timer', timer: { id: 'c1:t2', purpose: 'queue_timeout', at: DEFAULT_NOW + 10 * 60_000 } }]);
    expect(c.say('still there?').messages).toEqual([]);
    const ben = c.agent.accept('a2', 'Ben');
    expect(ben.rejected).toBeNull();
    expect(c.mode()).toBe('agent');
    expect(ben.messages).toEqual([{ from: 'system', text: 'Ben from the team joined the conversation.', blockId: 'q' }]);
    expect(plain(ben.effects).map((e) => e.type)).toEqual(['handoff_update', 'cancel_timer']);
    expect(c.agent.handback().messages.at(-1)).toMatchObject({ from: 'bot', text: 'What is your order number?' });
    expect(c.state.waiting).toEqual({ kind: 'input', blockId: 'q', retries: 0 });
  });

  it('declined and nobody takes it before the queue timeout: the bot resumes and asks again', () => {
    const c = converse(questionFlow());
    c.send(takeover());
    c.agent.decline();
    const fired = c.wait('11m');
    expect(fired).toHaveLength(1);
    expect(c.mode()).toBe('bot');
    expect(c.state.handoff).toMatchObject({ status: 'expired' });
    expect(fired[0].messages.map((m) => m.text)).toEqual(['Sorry, no one from our team is available right now.', 'What is your order number?']);
    expect(c.say('A-1').messages.map((m) => m.text)).toContain('Thanks, order A-1 noted.');
  });

  it('the customer leaving while the agent holds it cancels the handoff and closes', () => {
    const c = converse(questionFlow());
    c.send(takeover());
    const step = c.leave();
    expect(c.mode()).toBe('closed');
    expect(c.state.handoff).toMatchObject({ status: 'cancelled' });
    expect(step.effects.find((e) => e.type === 'end')).toMatchObject({ reason: 'customer_left' });
  });

  it('a takeover while the Human Takeover block asks its own questions resumes those questions on handback', () => {
    const c = converse(makeFlow([{ id: 'ht', kind: 'human_takeover', data: { assignation: 'default' } }], []), { now: DEFAULT_NOW });
    expect(c.state.waiting).toMatchObject({ kind: 'takeover_question', field: 'name' });
    c.send(takeover());
    expect(c.state.waiting).toEqual({ kind: 'handoff', blockId: 'ht', takeoverFrom: 'takeover_question' });
    const back = c.agent.handback();
    expect(back.messages.at(-1)).toMatchObject({ from: 'bot', text: 'Before I connect you, may I have your name?' });
    expect(c.state.waiting).toMatchObject({ kind: 'takeover_question', field: 'name' });
  });
});
