/**
 * Session 37 (fe): the detector-part labels of escalationPart.ts (used by the kept-out report, which must show no
 * customer text) name the part from the code's own words and never copy the message's.
 */
import { describe, expect, it } from 'vitest';
import { escalationPart, partTable } from '../../bench/escalationPart';
import type { Signal } from '../../../shared/escalation/types';

const topics = new Set(['refunds', 'safety']);
const sig = (reason: Signal['reason'], explanation: string, source?: Signal['source']): Signal =>
  ({ reason, score: 1, threshold: 1, evidence: [], turn: 1, explanation, ...(source ? { source } : {}) });
const part = (reason: Signal['reason'], explanation: string, source?: Signal['source']) =>
  escalationPart({ reason, signals: [sig(reason, explanation, source)] }, topics);

describe('escalationPart', () => {
  it('names the fallback counter, the learned loop model and a loop rule', () => {
    expect(part('repeated_fallback', 'The bot did not understand 3 messages in a row (limit 3).')).toBe('repeated_fallback / fallback counter');
    expect(part('loop', 'The customer asked the same thing 3 times in other words (the learned same-request model links "zebra" to "yak" (0.81)).'))
      .toBe('loop / learned loop model');
    expect(part('loop', 'The customer says the bot answered something else ("zebra crossing").')).toBe('loop / loop rule: customer corrects the answer');
  });

  it('names the classifier with the flow topic, a topic phrase and a meaning reading, without the quoted words', () => {
    expect(part('sensitive_topic', 'Sensitive topic "safety": the classifier score 0.91 is at or above the threshold 0.8, so it fires (words: "zebra").', 'classifier'))
      .toBe('sensitive_topic / classifier (safety)');
    expect(part('sensitive_topic', 'Sensitive topic "refunds" ("zebra back" matches "money back").', 'rule')).toBe('sensitive_topic / rule: topic phrase (refunds)');
    expect(part('sensitive_topic', 'Sensitive topic "safety" by meaning: a product that hurt someone or is dangerous ("zebra bit").', 'rule'))
      .toBe('sensitive_topic / rule by meaning (safety): a product that hurt someone or is dangerous');
  });

  it('never copies a topic name the flow does not have, nor an explanation it does not know', () => {
    expect(part('sensitive_topic', 'Sensitive topic "zebra secret": the classifier score 0.9 is at or above the threshold 0.8, so it fires.', 'classifier'))
      .toBe('sensitive_topic / classifier (a topic)');
    const unknown = part('urgency', 'Something new about "zebra secret".', 'rule');
    expect(unknown).toBe('urgency / rule / other');
    expect(unknown).not.toContain('zebra');
  });

  it('names urgency and sentiment parts, and the designer', () => {
    expect(part('urgency', 'Urgency: a deadline ("by 5pm") is about 3 hours away on the conversation\'s clock (Europe/London), within 48 hours.', 'rule'))
      .toBe('urgency / rule: deadline on the clock');
    expect(part('negative_sentiment', 'Negative sentiment: the message reads as negative, -0.6 on a scale ...', 'rule')).toBe('negative_sentiment / rule: lexicon score');
    expect(part('explicit_request', 'Explicit request: the message contains the policy\'s phrase "zebra", so it fires.', 'designer'))
      .toBe('explicit_request / designer phrase or example');
    expect(escalationPart({ reason: 'loop', signals: [] }, topics)).toBe('loop / no signal');
  });

  it('tables counts largest first', () => {
    expect(partTable(new Map([['a / x', 1], ['b / y', 3]]))).toEqual(['| b / y | 3 |', '| a / x | 1 |']);
  });
});
