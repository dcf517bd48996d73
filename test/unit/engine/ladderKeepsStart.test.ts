import { describe, it, expect } from 'vitest';
import { converse, makeFlow } from './harness';

// newcomer s8 #8: a graduated ladder started by a sensitive topic (fraud) was handed over at step 2 as
// "negative_sentiment": the reason, the summary and the key message lost the fraud.

function flow() {
  return makeFlow(
    [
      { id: 'b', kind: 'buttons', data: { text: 'Pick one', maxRetries: 10, options: [{ id: 'a', label: 'Alpha' }, { id: 'z', label: 'Zulu' }] } },
      { id: 'A', kind: 'end', data: { text: 'alpha path' } },
      { id: 'Z', kind: 'end', data: { text: 'zulu path' } },
      { id: 'ht', kind: 'human_takeover', data: { askName: false, askEmail: false, askReason: false } },
    ],
    [['b', 'a', 'A'], ['b', 'z', 'Z']],
    { escalation: { targetBlockId: 'ht', mode: 'graduated', sensitiveTopics: { topics: [{ name: 'fraud', phrases: ['payment I never made', 'never made'] }] } } },
  );
}

const FRAUD = 'There is a payment of £89 from Northwind on my bank statement that I never made';
const UPSET = 'this is ridiculous, I have been waiting for an hour and nobody helps, useless';

describe('graduated ladder keeps what started it (newcomer s8 #8)', () => {
  it('a fraud report followed by an upset message reaches the agent as the sensitive topic, with the fraud message as key message', () => {
    const c = converse(flow());
    expect(c.say(FRAUD).decision).toMatchObject({ action: 'rephrase', reason: 'sensitive_topic' });
    const step2 = c.say(UPSET);
    // Debug names what the policy read in this message; the handoff below carries the ladder's case.
    expect(step2.decision).toMatchObject({ action: 'offer', reason: 'negative_sentiment' });
    c.click('Talk to a person');
    const req = c.effects('handoff_request').at(-1)!;
    expect(req.handoff.reason).toBe('sensitive_topic');
    const ctx = req.context;
    expect(ctx.reason).toBe('sensitive_topic');
    expect(ctx.signals.map((s) => s.reason)).toEqual(['sensitive_topic', 'negative_sentiment']);
    expect(ctx.summary).toContain('a sensitive topic came up');
    expect(ctx.summary).toContain(`Key message: "${FRAUD}"`);
  });

  it('a ladder started by a misunderstanding hands over on what the later message says, keeping both signals', () => {
    const c = converse(flow());
    c.say('bananas');
    expect(c.say('purple monkey dishwasher').decision).toMatchObject({ action: 'rephrase', reason: 'repeated_fallback' });
    const step2 = c.say(UPSET);
    expect(step2.decision).toMatchObject({ action: 'offer', reason: 'negative_sentiment' });
    c.click('Talk to a person');
    const req = c.effects('handoff_request').at(-1)!;
    expect(req.handoff.reason).toBe('negative_sentiment');
    expect(req.context.signals.map((s) => s.reason)).toEqual(['negative_sentiment', 'repeated_fallback']);
  });
});
