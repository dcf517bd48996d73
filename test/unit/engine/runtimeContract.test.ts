/**
 * The engine as a server runs it (issue 6, section 3): ids derived from the conversation id, idempotency
 * keys, stale and duplicate agent events refused, the flow revision and redeploy recovery, the HTTP deadline,
 * the strict persisted-state schema with migrations, the transcript out of the state, and one source of truth
 * for emails and assignment.
 */
import { describe, it, expect } from 'vitest';
import { converse, makeFlow, DEFAULT_NOW, plain } from './harness';
import { receive, start } from '../../../shared/engine/engine';
import { flowRevision } from '../../../shared/engine/flowRevision';
import { parseConversationState, conversationStateSchema, WINDOW_SIZE } from '../../../shared/engine/conversationStateSchema';
import type { Flow } from '../../../shared/flow/schema';

const MIN = 60_000;

function supportFlow(takeover: Record<string, unknown> = {}): Flow {
  return makeFlow(
    [
      { id: 'ask', kind: 'question', data: { text: 'What is your order number?', variable: 'order' } },
      { id: 'ht', kind: 'human_takeover', data: takeover },
      { id: 'bye', kind: 'end', data: { text: 'Bye!' } },
    ],
    [
      ['ask', 'next', 'ht'],
      ['ht', 'resolved', 'bye'],
      ['ht', 'no_agent', 'bye'],
      ['ht', 'timeout', 'bye'],
    ],
    { escalation: { enabled: true, targetBlockId: 'ht', mode: 'immediate' } },
  );
}

describe('ids and idempotency keys', () => {
  it('derives every id from the conversation id the runtime passes in', () => {
    const c = converse(supportFlow(), { conversationId: 'conv-42' });
    c.say('A-1001');
    expect(c.state.id).toBe('conv-42');
    expect(c.state.handoff?.id).toBe('conv-42:h1');
    expect(c.state.timers.map((t) => t.id)).toEqual(['conv-42:t2']);
    expect(c.state.handoff?.conversationId).toBe('conv-42');
  });

  it('refuses to start without a conversation id', () => {
    expect(() => start(supportFlow(), { now: DEFAULT_NOW })).toThrow(/conversationId/);
  });

  it('gives every effect a key; replaying the same input on the same persisted state gives the same keys (crash replay)', () => {
    const flow = supportFlow();
    const first = start(flow, { now: DEFAULT_NOW, conversationId: 'conv-7' });
    const persisted = JSON.parse(JSON.stringify(first.state));
    const a = receive(flow, persisted, { type: 'text', text: 'A-1001' }, { now: DEFAULT_NOW + 1000 });
    // The runtime crashed after sending some effects but before recording the step: it replays the input.
    const b = receive(flow, JSON.parse(JSON.stringify(first.state)), { type: 'text', text: 'A-1001' }, { now: DEFAULT_NOW + 1000 });
    expect(a.effects.length).toBeGreaterThan(1);
    expect(b.effects.map((e) => e.idempotencyKey)).toEqual(a.effects.map((e) => e.idempotencyKey));
    const keys = a.effects.map((e) => e.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => k.startsWith('conv-7:'))).toBe(true);
    // The next step's keys are new ones (the step counter moved on).
    const next = receive(flow, a.state, { type: 'text', text: 'hello?' }, { now: DEFAULT_NOW + 2000 });
    for (const e of next.effects) expect(keys).not.toContain(e.idempotencyKey);
  });
});

describe('agent events carry the handoff id and an event id', () => {
  it('applies an event once: a repeated delivery is refused with a reason and changes nothing', () => {
    const c = converse(supportFlow());
    c.say('A-1001');
    const h = c.state.handoff!.id;
    const ok = c.send({ type: 'agent_accepted', agentId: 'a1', agentName: 'Ana', handoffId: h, eventId: 'evt-1' });
    expect(ok.rejected).toBeNull();
    expect(c.mode()).toBe('agent');
    const msg = c.send({ type: 'agent_message', agentId: 'a1', text: 'Hi, Ana here', handoffId: h, eventId: 'evt-2' });
    expect(msg.messages.map((m) => m.text)).toEqual(['Hi, Ana here']);
    const before = c.state;
    const again = c.send({ type: 'agent_message', agentId: 'a1', text: 'Hi, Ana here', handoffId: h, eventId: 'evt-2' });
    expect(again.state).toBe(before);
    expect(again.messages).toEqual([]);
    expect(again.rejected?.reason).toMatch(/evt-2 was already applied/);
  });

  it('refuses an event for an older handoff, even from the agent who has the current one', () => {
    const flow = supportFlow();
    const c = converse({ ...flow, edges: flow.edges.map((e) => (e.from === 'ht' && e.exit === 'resolved' ? { ...e, to: 'ask' } : e)) });
    c.say('A-1001');
    const old = c.state.handoff!.id;
    c.agent.accept('a1', 'Ana');
    // Session 45 (ui9): she writes first (handed back without a word, a takeover the flow reached leaves by No agent now).
    c.agent.say('Hi, Ana here', 'a1');
    c.agent.handback();
    // Back with the bot; the customer asks for a person again: a new handoff.
    c.say('I want to talk to a human');
    const current = c.state.handoff!.id;
    expect(current).not.toBe(old);
    const before = c.state;
    const stale = c.send({ type: 'agent_accepted', agentId: 'a1', agentName: 'Ana', handoffId: old, eventId: 'late-1' });
    expect(stale.state).toBe(before);
    expect(stale.rejected?.reason).toBe(`the event is for handoff ${old}, but the current handoff is ${current}: it is stale and was not applied.`);
    expect(c.mode()).toBe('waiting');
  });

  it('a second accept by someone else is refused, naming who has the chat', () => {
    const c = converse(supportFlow());
    c.say('A-1001');
    c.agent.accept('a1', 'Ana');
    const step = c.send({ type: 'agent_accepted', agentId: 'b2', agentName: 'Bo', handoffId: c.state.handoff!.id, eventId: 'x' });
    expect(step.rejected?.reason).toBe('Ana has already accepted this chat, so Bo cannot.');
    expect(c.state.handoff?.agentId).toBe('a1');
  });

  it('an agent command while the bot is in charge says why', () => {
    const c = converse(supportFlow());
    const step = c.agent.say('hello');
    expect(step.rejected?.reason).toBe('no chat is waiting for an agent: the bot is handling this conversation.');
  });

  it('decline puts the chat back in the queue with its waiting timers (queue timeout and the waiting email)', () => {
    const flow = supportFlow({ assignation: 'custom', askEmail: false, askReason: false, waitingEmailAfterMinutes: 3, waitingEmailTo: ['lead@acme.test'], queueTimeoutMinutes: 10 });
    const c = converse(flow);
    c.say('A-1001');
    expect(c.state.timers.map((t) => t.purpose).sort()).toEqual(['queue_timeout', 'waiting_email']);
    c.agent.accept('a1', 'Ana');
    expect(c.state.timers).toEqual([]);
    c.agent.decline('wrong team');
    expect(c.mode()).toBe('waiting');
    expect(c.state.timers.map((t) => t.purpose).sort()).toEqual(['queue_timeout', 'waiting_email']);
    c.wait('3m');
    expect(c.effects('notify').at(-1)).toMatchObject({ channel: 'email', to: ['lead@acme.test'] });
  });
});

describe('one source of truth: the engine requests, the runtime assigns and notifies', () => {
  it('never assigns by itself, even when it knows who is online; the request says auto-assign', () => {
    const flow = supportFlow({ assignation: 'custom', askEmail: false, askReason: false, autoAssign: { enabled: true, strategy: 'least_busy', maxChatsPerAgent: 2 } });
    const flowParsed = flow;
    const agents = [{ id: 'a1', name: 'Ana', status: 'online' as const, skills: [], languages: [], teams: [], activeChats: 0, lastAssignedAt: null }];
    const s0 = start(flowParsed, { now: DEFAULT_NOW, conversationId: 'c9', agents });
    const s1 = receive(flowParsed, s0.state, { type: 'text', text: 'A-1001' }, { now: DEFAULT_NOW, agents });
    expect(s1.state.mode).toBe('waiting');
    expect(s1.state.handoff?.status).toBe('pending');
    const req = s1.effects.find((e) => e.type === 'handoff_request');
    expect(req).toMatchObject({ autoAssign: { strategy: 'least_busy', maxChatsPerAgent: 2 } });
    expect(req).not.toHaveProperty('notifyEmails');
  });

  it('default assignation: the emails are one notify effect, not a field of the request', () => {
    const c = converse(supportFlow({ assignation: 'default', notifyEmails: ['team@acme.test'] }), {});
    c.say('A-1001');
    c.say('Ana');
    c.say('ana@example.com');
    c.say('refund');
    expect(c.mode()).toBe('waiting');
    const notes = c.effects('notify');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ channel: 'email', to: ['team@acme.test'] });
  });
});

describe('the transcript leaves the state', () => {
  it('returns transcript entries per step and keeps only a bounded window in the state', () => {
    const flow = makeFlow(
      [
        { id: 'q', kind: 'question', data: { text: 'Say something', variable: 'x' } },
        { id: 'again', kind: 'jump', data: { target: 'q' } },
      ],
      [['q', 'next', 'again']],
    );
    const c = converse(flow, { freeze: false });
    for (let i = 0; i < 200; i++) c.say(`message number ${i}`);
    expect(c.transcript().filter((t) => t.from === 'customer')).toHaveLength(200);
    expect(c.state.recentTranscript.length).toBe(WINDOW_SIZE);
    expect(c.state.recentTranscript.at(-1)).toMatchObject({ from: 'bot', text: 'Say something' });
    expect(JSON.stringify(c.state).length).toBeLessThan(8_000);
  });
});

describe('flow revision and redeploys', () => {
  it('is stable across key order and layout, and changes with the logic', () => {
    const a = supportFlow();
    const moved: Flow = { ...a, blocks: a.blocks.map((b) => ({ ...b, position: { x: 999, y: 1 } })) };
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as Flow;
    expect(flowRevision(moved)).toBe(flowRevision(a));
    expect(flowRevision(reordered)).toBe(flowRevision(a));
    const edited: Flow = { ...a, blocks: a.blocks.map((b) => (b.id === 'bye' ? { ...b, data: { text: 'Goodbye!' } } : b)) as Flow['blocks'] };
    expect(flowRevision(edited)).not.toBe(flowRevision(a));
    expect(start(a, { now: DEFAULT_NOW, conversationId: 'c' }).state.flowRevision).toBe(flowRevision(a));
  });

  const v1 = makeFlow(
    [
      { id: 'menu', kind: 'buttons', data: { text: 'Pick one', options: [{ id: 'o1', label: 'Orders' }] } },
      { id: 'ht', kind: 'human_takeover' },
      { id: 'bye', kind: 'end', data: { text: 'Bye!' } },
    ],
    [['menu', 'o1', 'bye'], ['ht', 'resolved', 'bye']],
    { escalation: { enabled: true, targetBlockId: 'ht', mode: 'immediate' } },
  );
  const v2 = makeFlow(
    [
      { id: 'hello', kind: 'question', data: { text: 'How can I help?', variable: 'need' } },
      { id: 'ht', kind: 'human_takeover' },
      { id: 'bye', kind: 'end', data: { text: 'Bye!' } },
    ],
    [['hello', 'next', 'bye'], ['ht', 'resolved', 'bye']],
    { escalation: { enabled: true, targetBlockId: 'ht', mode: 'immediate' } },
  );

  it('a conversation waiting at a block the new revision removed is told and restarted at Start', () => {
    const s0 = start(v1, { now: DEFAULT_NOW, conversationId: 'r1' });
    expect(s0.state.waiting).toMatchObject({ blockId: 'menu' });
    const step = receive(v2, s0.state, { type: 'text', text: 'orders' }, { now: DEFAULT_NOW + MIN });
    expect(step.rejected).toBeNull();
    expect(step.messages.map((m) => m.text)).toEqual([
      'This conversation was updated while you were away, so we are starting again from the beginning. Sorry for the trouble!',
      'How can I help?',
    ]);
    expect(step.state.waiting).toMatchObject({ kind: 'input', blockId: 'hello' });
    expect(step.state.flowRevision).toBe(flowRevision(v2));
  });

  it('an explicit request for a person still hands over after a redeploy', () => {
    const s0 = start(v1, { now: DEFAULT_NOW, conversationId: 'r2' });
    const step = receive(v2, s0.state, { type: 'text', text: 'let me talk to a real person please' }, { now: DEFAULT_NOW + MIN });
    expect(step.state.mode).toBe('waiting');
    expect(step.state.handoff?.reason).toBe('explicit_request');
  });

  it('a conversation waiting for an HTTP reply whose block was removed restarts, and its deadline timer is cancelled', () => {
    const withHttp = makeFlow(
      [
        { id: 'h', kind: 'http_request', data: { url: 'https://api.example.com/x' } },
        { id: 'ok', kind: 'end', data: { text: 'ok' } },
      ],
      [['h', 'success', 'ok'], ['h', 'error', 'ok']],
    );
    const s0 = start(withHttp, { now: DEFAULT_NOW, conversationId: 'r5' });
    expect(s0.state.timers).toHaveLength(1);
    const step = receive(v2, s0.state, { type: 'text', text: 'hello?' }, { now: DEFAULT_NOW + 1000 });
    expect(step.state.timers).toEqual([]);
    expect(plain(step.effects)).toContainEqual({ type: 'cancel_timer', timerId: s0.state.timers[0].id });
    expect(step.messages.at(-1)?.text).toBe('How can I help?');
  });

  it('a conversation whose block still exists just carries on under the new revision', () => {
    const v1b: Flow = { ...v1, name: 'Renamed' };
    const s0 = start(v1, { now: DEFAULT_NOW, conversationId: 'r3' });
    const step = receive(v1b, s0.state, { type: 'text', text: 'Orders' }, { now: DEFAULT_NOW + MIN });
    expect(step.messages.map((m) => m.text)).toEqual(['Bye!']);
  });

  it('a handoff whose block was removed keeps going; when it ends the conversation restarts at Start', () => {
    const c = converse(v1, { conversationId: 'r4' });
    c.say('I want a human');
    expect(c.mode()).toBe('waiting');
    const noTakeover = makeFlow(
      [{ id: 'hello', kind: 'question', data: { text: 'How can I help?', variable: 'need' } }],
      [],
    );
    const h = c.state.handoff!.id;
    const accepted = receive(noTakeover, c.state, { type: 'agent_accepted', agentId: 'a1', agentName: 'Ana', handoffId: h, eventId: 'e1' }, { now: DEFAULT_NOW });
    expect(accepted.state.mode).toBe('agent');
    const back = receive(noTakeover, accepted.state, { type: 'agent_handback', agentId: 'a1', handoffId: h, eventId: 'e2' }, { now: DEFAULT_NOW });
    expect(back.state.mode).toBe('bot');
    expect(back.messages.at(-1)?.text).toBe('How can I help?');
  });
});

describe('HTTP request deadline', () => {
  const flow = makeFlow(
    [
      { id: 'h', kind: 'http_request', data: { url: 'https://api.example.com/x', timeoutMs: 4000 } },
      { id: 'ok', kind: 'end', data: { text: 'ok' } },
      { id: 'err', kind: 'end', data: { text: 'Sorry, our system did not answer.' } },
    ],
    [['h', 'success', 'ok'], ['h', 'error', 'err']],
  );

  it('sets a deadline timer; if no reply comes the block takes its error exit', () => {
    const c = converse(flow);
    const [req] = c.effects('http_request');
    expect(req.timeoutMs).toBe(4000);
    const timer = c.state.timers.find((t) => t.purpose === 'http_timeout')!;
    expect(timer.at).toBe(DEFAULT_NOW + 4000 + 5000);
    expect(c.wait('8s')).toEqual([]);
    c.wait('2s');
    expect(c.lastBotText()).toBe('Sorry, our system did not answer.');
    expect(c.state.timers).toEqual([]);
    // The late reply is refused.
    const late = c.send({ type: 'http_result', requestId: req.requestId, ok: true, status: 200, body: {} });
    expect(late.rejected).not.toBeNull();
  });

  it('a reply in time cancels the deadline timer', () => {
    const c = converse(flow);
    const step = c.http(true, {});
    expect(plain(step.effects)).toContainEqual({ type: 'cancel_timer', timerId: 'c1:t2' });
    expect(c.state.timers).toEqual([]);
    expect(c.lastBotText()).toBe('ok');
  });
});

describe('persisted state: strict schema, version and migrations', () => {
  it('every state parses strictly; an unknown key is an error naming it', () => {
    const c = converse(supportFlow());
    c.say('A-1001');
    expect(parseConversationState(JSON.parse(JSON.stringify(c.state)))).toMatchObject({ ok: true });
    const r = parseConversationState({ ...JSON.parse(JSON.stringify(c.state)), transcriptt: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/transcriptt/);
  });

  it('a newer state version is refused with advice', () => {
    const c = converse(supportFlow());
    const r = parseConversationState({ ...c.state, v: 9 });
    expect(r).toEqual({ ok: false, error: 'state version 9 is newer than this Baton understands (2): upgrade Baton.' });
  });

  it('migrates a v1 state (full transcript inside) to v2, and the conversation carries on', () => {
    const flow = supportFlow();
    const v2state = start(flow, { now: DEFAULT_NOW, conversationId: 'old' }).state;
    const { recentTranscript, flowRevision: _r, step: _s, recentEventIds: _e, ...rest } = v2state;
    const transcript = [...Array.from({ length: 50 }, (_, i) => ({ from: 'customer' as const, text: `m${i}`, at: DEFAULT_NOW })), ...recentTranscript];
    const v1state = { ...rest, v: 1, transcript };
    const r = parseConversationState(v1state);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.recentTranscript).toHaveLength(WINDOW_SIZE);
    expect(conversationStateSchema.safeParse(r.state).success).toBe(true);
    const next = receive(flow, r.state, { type: 'text', text: 'A-1001' }, { now: DEFAULT_NOW + MIN });
    expect(next.state.mode).toBe('waiting');
  });
});
