/**
 * Session 29 (newcomer s28 N6, = s26 F12 / s27 G7-G8): when the runtime's automatic assignment gives a waiting chat to
 * Ann, the customer was told "Ann from Northwind Goods has joined the chat" while Ann had not even opened it. Now
 * `agent_accepted` with `auto: true` says the block's assignedSoonMessage ("Ann will be with you shortly.") and records
 * `joined: false` on the handoff; `agent_joined` (she opened the chat) or her first message says assignedMessage, once.
 * A manual accept (no `auto`) and a transfer still say "joined" at once.
 */
import { describe, expect, it } from 'vitest';
import { converse, makeFlow, type BlockSpec } from './harness';
import { handoffSchema } from '../../../shared/engine/conversationStateSchema';
import { humanTakeoverData } from '../../../shared/flow/blocks/humanTakeover';

function flow(takeover: Record<string, unknown> = {}) {
  const blocks: BlockSpec[] = [
    { id: 'ht', kind: 'human_takeover', data: { assignation: 'custom', assignedMessage: '{{agentName}} from Northwind Goods has joined the chat.', ...takeover } },
    { id: 'bye', kind: 'end', data: { text: 'Goodbye!' } },
  ];
  return makeFlow(blocks, [['ht', 'resolved', 'bye']]);
}

/** A conversation waiting in the queue, then given to Ann by the runtime's automatic assignment. */
function autoAssigned(takeover: Record<string, unknown> = {}) {
  const c = converse(flow(takeover));
  expect(c.mode()).toBe('waiting');
  const step = c.send({ type: 'agent_accepted', agentId: 'ann', agentName: 'Ann', auto: true, handoffId: c.state.handoff!.id, eventId: 'auto1' });
  expect(step.rejected).toBeNull();
  return c;
}
const joinedLines = (texts: string[]) => texts.filter((t) => /has joined/.test(t));
const ev = (n: number) => `e${n}`;

describe('newcomer s28 N6: an automatic assignment is not "joined" until the agent opens the chat', () => {
  it('auto: "will be with you shortly", the handoff records joined: false; customer messages still reach her', () => {
    const c = autoAssigned();
    expect(c.lastBotText()).toBe('Ann will be with you shortly.');
    expect(joinedLines(c.botTexts())).toEqual([]);
    expect(c.mode()).toBe('agent');
    expect(c.state.handoff).toMatchObject({ status: 'assigned', agentId: 'ann', joined: false });
    expect(c.effects('handoff_update').at(-1)!.handoff.joined).toBe(false);
    expect(c.state.timers).toEqual([]); // the queue timeout ended with the assignment, as before
    expect(handoffSchema.safeParse(c.state.handoff).success).toBe(true);
    const relay = c.say('hello? are you there?');
    expect(relay.effects.map((e) => e.type)).toEqual(['relay_to_agent']);
    expect(relay.messages).toEqual([]);
  });

  it('agent_joined (she opened the chat) says the block\'s joined line once; a second one is refused', () => {
    const c = autoAssigned();
    const h = c.state.handoff!.id;
    const joined = c.send({ type: 'agent_joined', agentId: 'ann', handoffId: h, eventId: ev(1) });
    expect(joined.rejected).toBeNull();
    expect(joined.messages.map((m) => m.text)).toEqual(['Ann from Northwind Goods has joined the chat.']);
    expect(c.state.handoff).toMatchObject({ status: 'assigned', joined: true });
    const again = c.send({ type: 'agent_joined', agentId: 'ann', handoffId: h, eventId: ev(2) });
    expect(again.rejected?.reason).toMatch(/already joined/);
    // Her first message after opening adds nothing but her words.
    const said = c.send({ type: 'agent_message', agentId: 'ann', agentName: 'Ann', text: 'Hi Kim, Ann here.', handoffId: h, eventId: ev(3) });
    expect(said.messages.map((m) => m.text)).toEqual(['Hi Kim, Ann here.']);
    expect(joinedLines(c.botTexts())).toHaveLength(1);
  });

  it('her first message before any agent_joined says the joined line first, once', () => {
    const c = autoAssigned();
    const h = c.state.handoff!.id;
    const first = c.send({ type: 'agent_message', agentId: 'ann', agentName: 'Ann', text: 'Hi Kim!', handoffId: h, eventId: ev(1) });
    expect(first.messages.map((m) => `${m.from}: ${m.text}`)).toEqual(['bot: Ann from Northwind Goods has joined the chat.', 'agent: Hi Kim!']);
    const second = c.send({ type: 'agent_message', agentId: 'ann', agentName: 'Ann', text: 'How can I help?', handoffId: h, eventId: ev(2) });
    expect(second.messages.map((m) => m.text)).toEqual(['How can I help?']);
    expect(joinedLines(c.botTexts())).toHaveLength(1);
  });

  it('only the assigned agent joins; another agent\'s agent_joined is refused', () => {
    const c = autoAssigned();
    const other = c.send({ type: 'agent_joined', agentId: 'bob', handoffId: c.state.handoff!.id, eventId: ev(1) });
    expect(other.rejected?.reason).toMatch(/not assigned to bob/);
    expect(c.state.handoff?.joined).toBe(false);
  });

  it('she goes offline before opening it: requeued as before, and the next agent starts afresh', () => {
    const c = autoAssigned();
    const h = c.state.handoff!.id;
    c.send({ type: 'agent_declined', agentId: 'ann', note: 'Went offline', handoffId: h, eventId: ev(1) });
    expect(c.mode()).toBe('waiting');
    expect(c.state.handoff).toMatchObject({ status: 'pending', agentId: null });
    expect(c.state.handoff).not.toHaveProperty('joined');
    expect(c.lastBotText()).toBe('I am finding someone else to help you. Please stay with us.');
    expect(c.state.timers.map((t) => t.purpose)).toContain('queue_timeout');
    // Bob accepts by hand: he is there, so "joined" at once and nothing is pending.
    c.send({ type: 'agent_accepted', agentId: 'bob', agentName: 'Bob', handoffId: h, eventId: ev(2) });
    expect(c.lastBotText()).toBe('Bob from Northwind Goods has joined the chat.');
    expect(c.state.handoff).not.toHaveProperty('joined');
  });

  it('the block\'s own assignedSoonMessage is said, with {{agentName}}', () => {
    const c = autoAssigned({ assignedSoonMessage: '{{agentName}} from Northwind Goods has your chat and will be with you shortly.' });
    expect(c.lastBotText()).toBe('Ann from Northwind Goods has your chat and will be with you shortly.');
  });

  it('a flow without the field gets the default (no migration)', () => {
    expect(humanTakeoverData.parse({}).assignedSoonMessage).toBe('{{agentName}} will be with you shortly.');
  });

  it('negative: a manual accept (no auto) says joined at once and records nothing pending', () => {
    const c = converse(flow());
    c.agent.accept('ann', 'Ann');
    expect(c.lastBotText()).toBe('Ann from Northwind Goods has joined the chat.');
    expect(c.state.handoff).not.toHaveProperty('joined');
    const joined = c.send({ type: 'agent_joined', agentId: 'ann', handoffId: c.state.handoff!.id, eventId: ev(9) });
    expect(joined.rejected?.reason).toMatch(/already joined/);
    expect(joinedLines(c.botTexts())).toHaveLength(1);
  });
});
