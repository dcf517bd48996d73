import { describe, it, expect } from 'vitest';
import { detectLoop } from '../../../shared/escalation/detectors/detectLoop';
import { facts, fires, memory, policy } from './facts';

const norm = (t: string) => facts(t).analysis.normalized;

describe('detectLoop: the customer says so', () => {
  it.each([
    "that's not what I asked",
    "you're not listening",
    'you already said that',
    'I already told you',
    'answer my question!',
    'same answer again',
    'we are going in circles',
    "that doesn't answer my question",
    'you keep saying the same thing',
  ])('fires on %j', (text) => {
    const s = fires(detectLoop, text)!;
    expect(s.reason).toBe('loop');
    expect(s.explanation).toContain('going in circles');
  });

  it.each([
    'where is my order',
    'what did I ask for last week',
    'I told my wife about it',
    'can you answer the phone',
    'I am listening to music',
    'that is what I wanted',
    'thanks, that answers it',
    'yes',
  ])('does not fire on %j with no history', (text) => {
    expect(fires(detectLoop, text)).toBeNull();
  });
});

describe('detectLoop: repeated questions', () => {
  it('fires on the third time the same question is asked (default count 3)', () => {
    const m = memory({ recent: [norm('where is my order'), norm('where is my order??')] });
    const s = detectLoop(facts('Where is my order'), policy(), m)!;
    expect(s.explanation).toBe('The customer asked the same thing 3 times ("where is my order").');
  });

  it.each([
    ['where is my ordr', ['where is my order', 'where is my order']],
    ['WHERE IS MY ORDER', ['where is my order', 'where is my order']],
    ['my order, where is it', ['where is my order', 'where is my order']],
    ['how do I reset my password', ['how do i reset my password', 'how can i reset my password']],
  ])('counts near-identical %j as a repeat', (text, earlier) => {
    expect(detectLoop(facts(text), policy(), memory({ recent: earlier.map(norm) }))).not.toBeNull();
  });

  it('does not fire on the second time', () => {
    expect(detectLoop(facts('where is my order'), policy(), memory({ recent: [norm('where is my order')] }))).toBeNull();
  });

  it('does not count different questions', () => {
    const m = memory({ recent: [norm('where is my order'), norm('how do I return a jacket')] });
    expect(detectLoop(facts('what are your opening hours'), policy(), m)).toBeNull();
  });

  it('ignores very short answers like "yes" and "no"', () => {
    expect(detectLoop(facts('yes'), policy({ loop: { count: 2 } }), memory({ recent: ['yes', 'yes', 'yes'] }))).toBeNull();
    expect(detectLoop(facts('ok thanks'), policy({ loop: { count: 2 } }), memory({ recent: ['ok thanks', 'ok thanks'] }))).toBeNull();
  });

  it('uses the designer count and similarity', () => {
    const m = memory({ recent: [norm('where is my order')] });
    expect(detectLoop(facts('where is my order'), policy({ loop: { count: 2 } }), m)).not.toBeNull();
    expect(detectLoop(facts('where is my parcel'), policy({ loop: { count: 2, similarity: 1 } }), m)).toBeNull();
  });
});

describe('detectLoop: long messages', () => {
  const letter =
    'I have been trying to sort out the delivery of my order for a week now and every time I ask about it the answer is different and nobody seems to know where the parcel actually is';
  it('counts a pasted long message as a repeat', () => {
    expect(detectLoop(facts(letter), policy(), memory({ recent: [norm(letter), norm(letter)] }))).not.toBeNull();
  });
});

describe('detectLoop: the same question in other words', () => {
  it.each([
    ["what's the delivery cost to Norway?", ['how much is delivery to Norway?', 'how much does delivery to Norway cost?']],
    ['do you take Revolut payments?', ['do you take Revolut?', 'do you accept Revolut']],
    ['so can I pay with bitcoin or not?', ['can I pay with bitcoin?', 'can I pay with bitcoin']],
    ['shipping price to Iceland?', ['what does postage to Iceland cost', 'how much is delivery to Iceland']],
  ])('counts %j as the third asking', (text, earlier) => {
    const s = detectLoop(facts(text), policy(), memory({ recent: earlier.map(norm) }))!;
    expect(s.reason).toBe('loop');
    expect(s.evidence[1]).toBe('3 times');
  });

  it.each([
    ['how much is delivery to Sweden?', ['how much is delivery to Norway?', 'how much is delivery to Denmark?']],
    ['are you open on Sunday?', ['are you open on Saturday?', 'are you open on Monday?']],
    ['how long does shipping to France take?', ['do you ship to France?', 'how much is shipping to France?']],
    ['can I pay with PayPal?', ['where is my order', 'can I return my shoes']],
  ])('does not count different questions: %j', (text, earlier) => {
    expect(detectLoop(facts(text), policy(), memory({ recent: earlier.map(norm) }))).toBeNull();
  });
});
