import { describe, it, expect } from 'vitest';
import { detectSensitiveTopic } from '../../../shared/escalation/detectors/detectSensitiveTopic';
import { compileSensitiveTopics } from '../../../shared/escalation/compileSensitiveTopics';
import { facts, fires, intent, memory, policy } from './facts';

const topics = [
  { name: 'refunds', phrases: ['refund', 'money back'], intents: ['ask_refund'] },
  { name: 'account closure', phrases: ['cancel my account', 'delete my data'] },
  { name: 'legal', phrases: ['lawyer'] },
  { name: 'fraud', phrases: ['fraud', 'hacked account', 'unauthorized charge'] },
  { name: 'damage', phrases: ['damaged item'] },
];
const P = policy({ sensitiveTopics: { topics } });

describe('detectSensitiveTopic', () => {
  it.each([
    ['I want my money back', 'refunds'],
    ['can I get reimbursed?', 'refunds'],
    ['Refunds please', 'refunds'],
    ['please close my account', 'account closure'],
    ['erase my information', 'account closure'],
    ["I'll call my attorney", 'legal'],
    ["I'm going to sue you", 'legal'],
    ['this is a scam', 'fraud'],
    ['someone compromised my account', 'fraud'],
    ["there's a debit I didn't make, unauthorised", 'fraud'],
    ['the item arrived smashed', 'damage'],
    ['my account was hacked', 'fraud'],
  ])('fires on %j as topic %j', (text, topic) => {
    const s = fires(detectSensitiveTopic, text, P)!;
    expect(s.reason).toBe('sensitive_topic');
    expect(s.evidence[0]).toBe(topic);
  });

  it.each([
    'where is my order',
    'I want to open an account',
    'can you close the window',
    'I lost my data plan',
    "I'd like to change my address",
    'the item is great',
    'my account number is 1234',
    'I want to cancel my order',
  ])('does not fire on %j', (text) => {
    expect(fires(detectSensitiveTopic, text, P)).toBeNull();
  });

  it('matches words in any order', () => {
    expect(fires(detectSensitiveTopic, 'the account got hacked yesterday', P)).not.toBeNull();
    expect(fires(detectSensitiveTopic, 'is my item damaged?', P)!.evidence[0]).toBe('damage');
  });

  it('names the topic and the words in the explanation', () => {
    const s = fires(detectSensitiveTopic, 'I want my money back', P)!;
    expect(s.evidence).toEqual(['refunds', 'money', 'back']);
    expect(s.explanation).toBe('Sensitive topic "refunds" ("money back" matches "refund").');
  });

  it('fires on a topic intent with confidence >= 0.5 only', () => {
    const f = (c: number) => facts('hello there', { intent: intent('ask_refund', c) });
    const s = detectSensitiveTopic(f(0.8), P, memory())!;
    expect(s.evidence[0]).toBe('refunds');
    expect(s.explanation).toContain('intent "ask_refund" at 0.80');
    expect(detectSensitiveTopic(f(0.4), P, memory())).toBeNull();
  });

  it('does nothing without topics', () => {
    expect(fires(detectSensitiveTopic, 'I want a refund')).toBeNull();
  });

  it('compiles a topics array once', () => {
    expect(compileSensitiveTopics(P.sensitiveTopics.topics)).toBe(compileSensitiveTopics(P.sensitiveTopics.topics));
  });
});

describe('detectSensitiveTopic: idioms, product names and counted charges', () => {
  const shop = policy({
    sensitiveTopics: {
      topics: [
        { name: 'billing', phrases: ['charged twice', 'double charge'] },
        { name: 'damaged goods', phrases: ['arrived damaged', 'broken', 'smashed'] },
      ],
    },
  });

  it.each([
    ['why was I billed two times for one order?', 'billing'],
    ['there is a duplicate charge on my card', 'billing'],
    ['the smashed vase arrived today', 'damaged goods'],
    ['the vase was smashed when I opened the box', 'damaged goods'],
    ['do you sell replacements? mine arrived broken', 'damaged goods'],
  ])('fires on %j as %j', (text, topic) => {
    expect(fires(detectSensitiveTopic, text, shop)!.evidence[0]).toBe(topic);
  });

  it.each([
    "what's the damage? how much is shipping to Spain",
    'is the smashed avocado cookbook back in stock?',
    'do you sell cracked pepper grinders?',
  ])('does not read %j as damage', (text) => {
    expect(fires(detectSensitiveTopic, text, shop)).toBeNull();
  });
});
