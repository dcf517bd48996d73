import { describe, it, expect } from 'vitest';
import { DEFAULT_NOW, makeFlow } from './harness';
import { receive, start } from '../../../shared/engine/engine';
import type { ConversationState, Input, Step } from '../../../shared/engine/types';
import type { Flow } from '../../../shared/flow/schema';

/** start -> order question (skipIfKnown as given) -> email question -> end that repeats both answers. */
function flow(skipIfKnown: boolean, defaults: Record<string, string> = {}): Flow {
  return makeFlow(
    [
      { id: 'q', kind: 'question', data: { text: 'What is your order number?', variable: 'order', skipIfKnown } },
      { id: 'mail', kind: 'question', data: { text: 'Your email?', variable: 'email', inputType: 'email', skipIfKnown } },
      { id: 'bye', kind: 'end', data: { text: 'Thanks, order {{order}} for {{email}} noted.' } },
    ],
    [
      ['q', 'next', 'mail'],
      ['mail', 'next', 'bye'],
    ],
    { variables: Object.entries(defaults).map(([name, value]) => ({ name, type: 'string' as const, default: value })) },
  );
}

function texts(step: Step): string[] {
  return step.messages.map((m) => m.text);
}

/** Plays inputs one after another from `state`, each a second later. */
function play(f: Flow, state: ConversationState, inputs: Input[]): { state: ConversationState; steps: Step[] } {
  const steps: Step[] = [];
  let s = state;
  inputs.forEach((input, i) => {
    const step = receive(f, s, input, { now: DEFAULT_NOW + (i + 1) * 1000 });
    expect(step.rejected).toBeNull();
    steps.push(step);
    s = step.state;
  });
  return { state: s, steps };
}

const takeover: Input = { type: 'agent_takeover', agentId: 'a1', agentName: 'Ana', eventId: 'tk1' };
const handback = (handoffId: string): Input => ({ type: 'agent_handback', agentId: 'a1', handoffId, eventId: 'hb1' });

describe('Question "skip when already known"', () => {
  it('off (the default): a known variable is asked again', () => {
    const f = flow(false, { order: 'NW-1' });
    const first = start(f, { now: DEFAULT_NOW, conversationId: 'c1' });
    expect(texts(first)).toEqual(['What is your order number?']);
    expect(first.state.waiting).toEqual({ kind: 'input', blockId: 'q', retries: 0 });
  });

  it('on: a valid known answer is not asked again; the next unknown one is', () => {
    const f = flow(true, { order: 'NW-1' });
    const first = start(f, { now: DEFAULT_NOW, conversationId: 'c1' });
    expect(texts(first)).toEqual(['Your email?']);
    expect(first.state.waiting).toEqual({ kind: 'input', blockId: 'mail', retries: 0 });
  });

  it('on: a known value that does not fit the answer type is asked for, not trusted', () => {
    const f = flow(true, { order: 'NW-1', email: 'not an email' });
    const first = start(f, { now: DEFAULT_NOW, conversationId: 'c1' });
    expect(texts(first)).toEqual(['Your email?']);
  });

  it('on: a known answer is normalised as a typed answer would be', () => {
    const f = flow(true, { order: 'NW-1', email: 'Ana@Example.COM' });
    const first = start(f, { now: DEFAULT_NOW, conversationId: 'c1' });
    expect(texts(first)).toEqual(['Thanks, order NW-1 for ana@example.com noted.']);
    expect(first.state.variables.email).toBe('ana@example.com');
  });

  it('handback after a takeover: the bot skips a question the agent filled in and carries on', () => {
    const f = flow(true);
    const first = start(f, { now: DEFAULT_NOW, conversationId: 'c1' });
    expect(texts(first)).toEqual(['What is your order number?']);
    const { state: held } = play(f, first.state, [takeover, { type: 'text', text: 'it is NW-104233' }]);
    const handoffId = held.handoff!.id;
    // The agent fixes the variable from the inbox's context panel (the runtime writes it into the state).
    const edited: ConversationState = { ...held, variables: { ...held.variables, order: 'NW-104233' } };
    const { steps } = play(f, edited, [handback(handoffId)]);
    expect(texts(steps[0])).toEqual(['Ana handed the conversation back to the bot.', 'Your email?']);
    expect(steps[0].state.waiting).toEqual({ kind: 'input', blockId: 'mail', retries: 0 });
  });

  it('handback after a takeover: with the variable still unknown the same question is asked again', () => {
    const f = flow(true);
    const first = start(f, { now: DEFAULT_NOW, conversationId: 'c1' });
    const { state: held } = play(f, first.state, [takeover]);
    const { steps } = play(f, held, [handback(held.handoff!.id)]);
    expect(texts(steps[0])).toEqual(['Ana handed the conversation back to the bot.', 'What is your order number?']);
    expect(steps[0].state.waiting).toEqual({ kind: 'input', blockId: 'q', retries: 0 });
  });
});

describe('Question "take from the conversation" (fromEntity)', () => {
  /** start -> an open question -> order question -> end. */
  function entityFlow(fromEntity: 'order_id' | undefined): Flow {
    return makeFlow(
      [
        { id: 'menu', kind: 'question', data: { text: 'How can I help?', variable: 'topic' } },
        { id: 'q', kind: 'question', data: { text: 'What is your order number?', variable: 'order', ...(fromEntity ? { fromEntity } : {}) } },
        { id: 'bye', kind: 'end', data: { text: 'Looking up {{order}}.' } },
      ],
      [
        ['menu', 'next', 'q'],
        ['q', 'next', 'bye'],
      ],
    );
  }
  const say = (text: string, _i: number): Input => ({ type: 'text', text });

  it('an order number the customer already wrote is used, not asked for again (newcomer s6 #4)', () => {
    const f = entityFlow('order_id');
    const { steps } = play(f, start(f, { now: DEFAULT_NOW, conversationId: 'c1' }).state, [say('where is my parcel? order NW-104233', 1)]);
    expect(texts(steps[0])).toEqual(['Looking up NW-104233.']);
  });

  it('without the option, or with no order number in the conversation, the bot asks', () => {
    const off = entityFlow(undefined);
    expect(texts(play(off, start(off, { now: DEFAULT_NOW, conversationId: 'c1' }).state, [say('where is my parcel? order NW-104233', 1)]).steps[0])).toEqual([
      'What is your order number?',
    ]);
    const on = entityFlow('order_id');
    const { steps } = play(on, start(on, { now: DEFAULT_NOW, conversationId: 'c1' }).state, [say('where is my parcel?', 1), say('NW-555123', 2)]);
    expect(texts(steps[0])).toEqual(['What is your order number?']);
    expect(texts(steps[1])).toEqual(['Looking up NW-555123.']);
  });
});

describe('Question "take from the conversation": only the latest request (hostile s6)', () => {
  function twoQuestions(): Flow {
    return makeFlow(
      [
        { id: 'first', kind: 'question', data: { text: 'How can I help?', variable: 'topic' } },
        { id: 'second', kind: 'question', data: { text: 'Anything else?', variable: 'more' } },
        { id: 'q', kind: 'question', data: { text: 'Which order?', variable: 'order', fromEntity: 'order_id' } },
        { id: 'bye', kind: 'end', data: { text: 'Order {{order}}.' } },
      ],
      [
        ['first', 'next', 'second'],
        ['second', 'next', 'q'],
        ['q', 'next', 'bye'],
      ],
    );
  }
  it('an order number from an earlier, different message is not reused: the bot asks', () => {
    const f = twoQuestions();
    const { steps } = play(f, start(f, { now: DEFAULT_NOW, conversationId: 'c1' }).state, [
      { type: 'text', text: 'where is my order NW-111111' },
      { type: 'text', text: 'I want to return an item' },
    ]);
    expect(texts(steps[1])).toEqual(['Which order?']);
  });
  it('several order numbers in the latest message: the last one written', () => {
    const f = twoQuestions();
    const { steps } = play(f, start(f, { now: DEFAULT_NOW, conversationId: 'c1' }).state, [
      { type: 'text', text: 'hello' },
      { type: 'text', text: 'not NW-111111, I mean NW-222222' },
    ]);
    expect(texts(steps[1])).toEqual(['Order NW-222222.']);
  });
});
