import { describe, it, expect } from 'vitest';
import { evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';
import type { EscalationMemory, TurnFacts } from '../../../shared/escalation/types';
import type { EscalationPolicy } from '../../../shared/flow/schema';
import type { IntentMatch } from '../../../shared/nlu/types';
import { NOW, facts, intent, memory, policy } from './facts';

const graduated = (over: Record<string, unknown> = {}) => policy({ mode: 'graduated', ...over });

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** Plays customer messages through the policy, carrying memory along like the engine does. */
function play(p: EscalationPolicy, turns: (string | Partial<TurnFacts> & { text: string })[]) {
  let m = initialEscalationMemory();
  return turns.map((t, i) => {
    const { text, ...extra } = typeof t === 'string' ? { text: t } : t;
    const r = evaluateEscalation(p, facts(text, { turn: i, ...extra }), m);
    m = r.memory;
    return r;
  });
}

describe('evaluateEscalation: immediate mode', () => {
  it('hands over on any signal and explains why', () => {
    const { decision } = evaluateEscalation(policy(), facts('this bot is useless', { turn: 3 }), memory());
    expect(decision.action).toBe('handoff');
    expect(decision.reason).toBe('negative_sentiment');
    expect(decision.turn).toBe(3);
    expect(decision.explanation).toMatch(/^Handed over: negative sentiment: the message reads as (very )?negative, -0\.\d\d on a scale from -1 \(very negative\) to 1 \(very positive\), at or below the flow's single-message threshold of -0\.5, so it fires \(words: .*"useless"/);
  });

  it('does nothing on an ordinary message', () => {
    const { decision } = evaluateEscalation(policy(), facts('where is my order'), memory());
    expect(decision).toEqual({ action: 'none', reason: null, signals: [], explanation: 'No signal.', turn: 0, nearMisses: [] });
  });

  it('names the other signals after the deciding one', () => {
    const { decision } = evaluateEscalation(policy(), facts('this is useless, put me through!'), memory());
    expect(decision.reason).toBe('explicit_request');
    expect(decision.explanation).toMatch(
      /^Handed over: the customer asked for a person \("put me through"\)\. Also seen: negative sentiment: the message reads as (very )?negative, -0\.\d\d on a scale from -1 \(very negative\) to 1 \(very positive\), at or below the flow's single-message threshold of -0\.5, so it fires/,
    );
  });

  it('hands over after two fallbacks in a row, not one', () => {
    const [first, second] = play(policy(), [
      { text: 'blorp', fallback: true },
      { text: 'zzzz', fallback: true },
    ]);
    expect(first.decision.action).toBe('none');
    expect(first.decision.explanation).toBe('No escalation: strongest signal was 1 of 2 fallbacks in a row.');
    expect(second.decision.action).toBe('handoff');
    expect(second.decision.reason).toBe('repeated_fallback');
  });

  it('hands over when the same question comes a third time', () => {
    const r = play(policy(), ['where is my order', 'where is my order?', 'so where is my order']);
    expect(r.map((x) => x.decision.action)).toEqual(['none', 'none', 'handoff']);
    expect(r[2].decision.reason).toBe('loop');
  });

  it('reads a third asking in capitals as anger too, and names the anger first', () => {
    const r = play(policy(), ['where is my order', 'where is my order?', 'WHERE IS MY ORDER']);
    expect(r[2].decision.action).toBe('handoff');
    expect(r[2].decision.signals.map((s) => s.reason)).toEqual(['negative_sentiment', 'loop']);
  });

  it('mentions a near miss on sentiment', () => {
    const { decision } = evaluateEscalation(policy(), facts('my order is late again, not happy'), memory());
    // This message is negative but above -0.5 on its own.
    if (decision.action === 'none') expect(decision.explanation).toMatch(/^No escalation: the strongest signal was sentiment -0\.\d\d, above the threshold -0\.5, so it does not fire\.$/);
    else expect(decision.reason).toBe('negative_sentiment');
  });

  it('fires on low confidence only when an intent was classified', () => {
    const low = evaluateEscalation(policy(), facts('hmm something', { intent: intent('billing', 0.1) }), memory());
    expect(low.decision.reason).toBe('low_confidence');
    const none = evaluateEscalation(policy(), facts('hmm something'), memory());
    expect(none.decision.action).toBe('none');
  });
});

describe('evaluateEscalation: graduated mode', () => {
  const p = graduated({ repeatedFallback: { count: 1 } });

  it('asks to rephrase, then offers a person, then hands over', () => {
    const r = play(p, [
      { text: 'blorp', fallback: true },
      { text: 'zzz', fallback: true },
      { text: 'qwerty', fallback: true },
    ]);
    expect(r.map((x) => x.decision.action)).toEqual(['rephrase', 'offer', 'handoff']);
    expect(r.map((x) => x.memory.level)).toEqual([1, 2, 0]);
    expect(r[0].decision.explanation).toBe(
      'Asked the customer to rephrase (graduated mode, step 1 of 3): the bot did not understand 1 messages in a row (limit 1).',
    );
    expect(r[1].decision.explanation).toMatch(/^Offered a person \(graduated mode, step 2 of 3\)/);
    expect(r[2].decision.explanation).toMatch(/^Handed over \(graduated mode, step 3 of 3\)/);
  });

  it('keeps its level across quiet turns', () => {
    const r = play(p, [{ text: 'blorp', fallback: true }, 'where is my order', { text: 'zzz', fallback: true }]);
    expect(r.map((x) => x.decision.action)).toEqual(['rephrase', 'none', 'offer']);
  });

  it('hands over at once on an explicit request, whatever the level', () => {
    const r = evaluateEscalation(p, facts('I want to speak to a human'), memory({ level: 0 }));
    expect(r.decision.action).toBe('handoff');
    expect(r.decision.reason).toBe('explicit_request');
  });

  it('hands over at once on urgency', () => {
    const urgent = evaluateEscalation(p, facts('this is urgent, it does not work', { fallback: true }), memory());
    expect(urgent.decision.action).toBe('handoff');
    expect(urgent.decision.reason).toBe('urgency');
    expect(urgent.decision.explanation).toMatch(/^Handed over at once \(urgency skips the rephrase and offer steps\): urgency \("urgent"\)\./);
  });

  it('leaves hot-lead rules to evaluateRuleSignals (no per-message hot lead)', () => {
    const hot = graduated({
      hotLead: { enabled: true, rules: { combinator: 'or', rules: [{ variable: 'budget', op: 'gte', value: 5000 }] } },
    });
    const lead = evaluateEscalation(hot, facts('tell me about pricing', { variables: { budget: 9000 } }), memory());
    expect(lead.decision.action).toBe('none');
    expect(lead.decision.signals).toEqual([]);
  });
});

describe('evaluateEscalation: switches', () => {
  it('checks only explicit requests when the policy is off', () => {
    const off = policy({ enabled: false });
    const angry = evaluateEscalation(off, facts('this bot is useless and it is urgent'), memory());
    expect(angry.decision.action).toBe('none');
    expect(angry.decision.explanation).toBe(
      'No escalation: the escalation policy is off, so only explicit requests for a person are checked.',
    );
    expect(evaluateEscalation(off, facts('agent please'), memory()).decision.action).toBe('handoff');
    const allOff = policy({ enabled: false, explicitRequest: { enabled: false } });
    expect(evaluateEscalation(allOff, facts('agent please'), memory()).decision.action).toBe('none');
  });

  it('skips a detector the designer switched off', () => {
    const p = policy({ negativeSentiment: { enabled: false } });
    expect(evaluateEscalation(p, facts('this bot is useless'), memory()).decision.action).toBe('none');
  });
});

describe('evaluateEscalation: signals', () => {
  it('lists every fired signal in the order a supervisor would name them, and decides by the first', () => {
    const p = policy({ sensitiveTopics: { topics: [{ name: 'refunds', phrases: ['refund'] }] } });
    const torn: IntentMatch = {
      intentId: 'billing',
      intentName: 'billing',
      confidence: 0.1,
      ranking: [
        { intentId: 'billing', intentName: 'billing', score: 0.3 },
        { intentId: 'returns', intentName: 'returns', score: 0.28 },
      ],
    };
    const { decision } = evaluateEscalation(
      p,
      facts('I need my refund asap, this is useless, or is it billing, not sure', { fallback: true, intent: torn }),
      memory({ fallbacksInRow: 1 }),
    );
    expect(decision.signals.map((s) => s.reason)).toEqual([
      'urgency',
      'sensitive_topic',
      'negative_sentiment',
      'repeated_fallback',
      'low_confidence',
    ]);
    expect(decision.reason).toBe('urgency');
  });

  it('names the anger, not the bot being unsure, when an angry message also gets a low confidence', () => {
    const torn: IntentMatch = {
      intentId: 'a',
      intentName: 'a',
      confidence: 0.02,
      ranking: [
        { intentId: 'a', intentName: 'a', score: 0.4 },
        { intentId: 'b', intentName: 'b', score: 0.4 },
      ],
    };
    const { decision } = evaluateEscalation(policy(), facts('worst customer service ever, my bill or my return', { intent: torn }), memory());
    expect(decision.signals.map((s) => s.reason)).toEqual(['negative_sentiment', 'low_confidence']);
    expect(decision.reason).toBe('negative_sentiment');
  });

  it('names a loop rather than repeated fallbacks when the same question failed a third time', () => {
    const m = memory({ fallbacksInRow: 2, recent: ['can i pay with bitcoin', 'can i pay with bitcoin please'] });
    const { decision } = evaluateEscalation(policy(), facts('so can I pay with bitcoin or not?', { fallback: true }), m);
    expect(decision.signals.map((s) => s.reason)).toEqual(['loop', 'repeated_fallback']);
    expect(decision.reason).toBe('loop');
  });
});

describe('evaluateEscalation: memory', () => {
  it('never mutates its inputs and returns new objects', () => {
    const p = deepFreeze(policy());
    const m = deepFreeze(memory({ recent: ['where is my order'], sentiments: [-0.1] }));
    const f = deepFreeze(facts('where is my parcel then', { fallback: true }));
    const r = evaluateEscalation(p, f, m);
    expect(r.memory).not.toBe(m);
    expect(r.memory.recent).not.toBe(m.recent);
    expect(m).toEqual({ fallbacksInRow: 0, recent: ['where is my order'], sentiments: [-0.1], level: 0 });
  });

  it('counts fallbacks in a row and resets on an understood message', () => {
    let m: EscalationMemory = memory();
    const p = policy({ repeatedFallback: { count: 5 }, loop: { enabled: false } });
    for (const fallback of [true, true, false, true]) m = evaluateEscalation(p, facts('qwe rty uio', { fallback }), m).memory;
    expect(m.fallbacksInRow).toBe(1);
  });

  it('keeps the last 6 questions and sentiments, skipping answers under 3 words', () => {
    const texts = ['one two three', 'yes', 'four five six', 'seven eight nine', 'ten eleven twelve', 'a b c d', 'e f g', 'h i j', 'ok'];
    let m = memory();
    for (const t of texts) m = evaluateEscalation(policy({ loop: { enabled: false } }), facts(t), m).memory;
    expect(m.recent).toEqual(['four five six', 'seven eight nine', 'ten eleven twelve', 'a b c d', 'e f g', 'h i j']);
    expect(m.sentiments).toHaveLength(6);
  });

  it('starts from a clean slate after a handoff', () => {
    const r = evaluateEscalation(policy(), facts('agent'), memory({ fallbacksInRow: 3, recent: ['x y z'], sentiments: [-1], level: 2 }));
    expect(r.decision.action).toBe('handoff');
    expect(r.memory).toEqual(initialEscalationMemory());
  });
});
