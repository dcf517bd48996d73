/**
 * escmsg, session 9: the designer's vocabulary warnings say what an everyday-words phrase does (newcomer s8 #28),
 * a question about when something arrives is not the customer's deadline (newcomer s8 #7), and the families of
 * ordinary messages that were handed over (issue 11). Each test is what a designer or a customer would notice.
 */
import { describe, expect, it } from 'vitest';
import { escalationVocabularyWarnings } from '../../../shared/escalation/vocabularyWarnings';
import { escalationPolicySchema } from '../../../shared/flow/schema';
import { ORDINARY_MESSAGES } from '../../../shared/escalation/ordinaryMessages';

const policyWith = (over: Record<string, unknown>) => escalationPolicySchema.parse(over);

describe('vocabulary warnings: a phrase of everyday words (newcomer s8 #28)', () => {
  const warnings = escalationVocabularyWarnings(
    policyWith({ explicitRequest: { phrases: ['I want to', 'talk to a human', 'would you please'] }, urgency: { phrases: ['asap'] } }),
  );
  const at = (path: string) => warnings.find((w) => w.path.join('.') === path);

  it('"I want to" is warned as firing on every "I want to ...", with an honest count out of the questions checked', () => {
    const w = at('escalation.explicitRequest.phrases.0')!;
    expect(w).toBeDefined();
    expect(w.everyday).toBe(true);
    // The count is what the phrase matches in the labelled ordinary questions, counted here independently.
    const expected = ORDINARY_MESSAGES.filter((m) => /\bi want to\b/i.test(m)).length;
    expect(w.matches).toBe(expected);
    expect(w.checked).toBe(ORDINARY_MESSAGES.length);
    expect(w.message).toContain('made only of everyday words');
    expect(w.message).toContain('whatever the customer goes on to ask');
    expect(w.message).toContain(`${expected} of the ${ORDINARY_MESSAGES.length} ordinary questions`);
    expect(w.message).toContain('"I want to talk to a person"');
  });

  it('an everyday phrase is warned about even when no labelled question has it', () => {
    const w = at('escalation.explicitRequest.phrases.2')!;
    expect(w).toBeDefined();
    expect(w.matches).toBe(0);
    expect(w.message).toMatch(/None of the \d+ ordinary questions/);
  });

  it('a phrase that says what it is about is not called everyday ("talk to a human", "asap")', () => {
    expect(at('escalation.explicitRequest.phrases.1')?.everyday ?? false).toBe(false);
    expect(at('escalation.urgency.phrases.0')).toBeUndefined();
  });

  it('a sensitive-topic phrase of everyday words says its words count in any order', () => {
    const ws = escalationVocabularyWarnings(policyWith({ sensitiveTopics: { topics: [{ name: 'refunds', phrases: ['can I have it', 'refund'] }] } }));
    const w = ws.find((x) => x.path.join('.') === 'escalation.sensitiveTopics.topics.0.phrases.0')!;
    expect(w.everyday).toBe(true);
    expect(w.message).toContain('in any order');
    expect(ws.some((x) => x.path.join('.') === 'escalation.sensitiveTopics.topics.0.phrases.1' && x.everyday)).toBe(false);
  });
});
