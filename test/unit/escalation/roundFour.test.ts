/**
 * Round four: a sensitive-topic phrase in a question about what the shop does ("do you...", "is it possible
 * to...", "can you...") with no own case in it is a near miss; the same question about the customer's own
 * case still fires. (The classifier still overrides the guard at 0.5, as for the other general questions.)
 */
import { describe, expect, it } from 'vitest';
import { detectSensitiveTopic } from '../../../shared/escalation/detectors/detectSensitiveTopic';
import { fires, policy } from './facts';

const P = policy({
  sensitiveTopics: {
    topics: [
      { name: 'refunds', phrases: ['refund', 'money back', 'credit me'] },
      { name: 'account closure', phrases: ['delete account', 'delete my account'] },
    ],
  },
});

describe('sensitive topics: questions about what the shop does (round four)', () => {
  it.each([
    'Do you refund shipping costs when someone returns?',
    'Is it possible to delete an account later if I make one now?',
    "Can you delete an account if someone asks? I'm thinking of signing up.",
  ])('does not fire on %j', (text) => {
    expect(fires(detectSensitiveTopic, text, P)).toBeNull();
  });

  it.each([
    ['do you refund my shipping costs? I returned the jacket', 'refunds'],
    ['can you credit me for the lamp instead of swapping it', 'refunds'],
    ['is it possible to delete my account today', 'account closure'],
    ['can you refund us for the broken chairs', 'refunds'],
  ])('fires on %j', (text, topic) => {
    const s = fires(detectSensitiveTopic, text, P)!;
    expect(s.reason).toBe('sensitive_topic');
    expect(s.evidence[0]).toBe(topic);
  });
});
