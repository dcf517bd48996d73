import { describe, it, expect } from 'vitest';
import { converse, makeFlow } from './harness';
import { defaultGraduatedTexts, graduatedText } from '../../../shared/engine/escalationWording';
import { escalationPolicySchema } from '../../../shared/flow/schema';

// newcomer s7 #12/#12b: graduated mode's first step answered an angry customer (or a sensitive topic) with
// "Sorry, I'm not sure I understood", and the designer could not change the steps' texts.

function buttonsFlow(escalation: Record<string, unknown>) {
  return makeFlow(
    [
      { id: 'b', kind: 'buttons', data: { text: 'Pick one', maxRetries: 10, options: [{ id: 'a', label: 'Alpha' }, { id: 'z', label: 'Zulu' }] } },
      { id: 'A', kind: 'end', data: { text: 'alpha path' } },
      { id: 'Z', kind: 'end', data: { text: 'zulu path' } },
      { id: 'ht', kind: 'human_takeover' },
    ],
    [['b', 'a', 'A'], ['b', 'z', 'Z']],
    { escalation },
  );
}

const refunds = { sensitiveTopics: { topics: [{ name: 'refunds', phrases: ['warranty claim'] }] } };
const ANGRY = 'this is ridiculous, I have been waiting for an hour and nobody helps';

describe('graduated wording', () => {
  it('an upset customer is acknowledged, not asked to rephrase', () => {
    const c = converse(buttonsFlow({ targetBlockId: 'ht', mode: 'graduated' }));
    const step = c.say(ANGRY);
    expect(step.decision).toMatchObject({ action: 'rephrase', reason: 'negative_sentiment' });
    expect(c.lastBotText()).toBe(defaultGraduatedTexts.acknowledge);
    expect(c.lastBotText()).not.toMatch(/understood/);
  });

  it('a sensitive topic is acknowledged too', () => {
    const c = converse(buttonsFlow({ targetBlockId: 'ht', mode: 'graduated', ...refunds }));
    const step = c.say('I would like to make a warranty claim for my kettle');
    expect(step.decision).toMatchObject({ action: 'rephrase', reason: 'sensitive_topic' });
    expect(c.lastBotText()).toBe(defaultGraduatedTexts.acknowledge);
  });

  it('misunderstandings still ask to rephrase', () => {
    const c = converse(buttonsFlow({ targetBlockId: 'ht', mode: 'graduated' }));
    c.say('bananas');
    expect(c.say('purple monkey dishwasher').decision?.reason).toBe('repeated_fallback');
    expect(c.lastBotText()).toBe(defaultGraduatedTexts.rephrase);
  });

  it("the designer's texts replace the built-in ones at each step", () => {
    const texts = { acknowledge: 'I hear you, that is not good enough. What happened?', rephrase: 'Say that again?', offer: 'Shall I get a colleague?' };
    const c = converse(buttonsFlow({ targetBlockId: 'ht', mode: 'graduated', texts }));
    c.say(ANGRY);
    expect(c.lastBotText()).toBe(texts.acknowledge);
    const d = converse(buttonsFlow({ targetBlockId: 'ht', mode: 'graduated', texts }));
    d.say('bananas');
    d.say('purple monkey dishwasher');
    expect(d.lastBotText()).toBe(texts.rephrase);
    d.say('seventeen giraffes');
    expect(d.lastBotText()).toBe(texts.offer);
    expect(d.lastButtons().map((b) => b.label)).toEqual(['Talk to a person', 'Keep chatting with the bot']);
  });

  it('an empty text means the built-in one; a text too long for a chat message is refused with a hint', () => {
    const policy = escalationPolicySchema.parse({ texts: { rephrase: '  ' } });
    expect(graduatedText(policy, 'rephrase', 'loop')).toBe(defaultGraduatedTexts.rephrase);
    const r = escalationPolicySchema.safeParse({ texts: { offer: 'x'.repeat(501) } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/under 500 characters/);
  });
});
