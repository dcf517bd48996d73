import { describe, expect, it } from 'vitest';
import { MAX_CUSTOMER_TEXT } from '../../../shared/engine/engine';
import { stemWord } from '../../../shared/nlu/stem';
import { converse, makeFlow } from './harness';

const flow = makeFlow(
  [
    { id: 'q', kind: 'question', data: { text: 'What is your question?', variable: 'question' } },
    { id: 'bye', kind: 'end', data: { text: 'Thanks: {{question}}' } },
  ],
  [['q', 'next', 'bye']],
);

describe('hostile customer input', () => {
  it('cuts a huge message to MAX_CUSTOMER_TEXT characters with a marker, so states stay small', () => {
    const c = converse(flow);
    c.say('a'.repeat(100_000));
    const said = c.transcript().find((t) => t.from === 'customer')!.text;
    expect(said.length).toBeLessThanOrEqual(MAX_CUSTOMER_TEXT + 4);
    expect(said.endsWith('[…]')).toBe(true);
    // Bounded: the text is kept in the transcript, the answer variable and lastMessage, not 100,000 characters.
    expect(JSON.stringify(c.state).length).toBeLessThan(5 * MAX_CUSTOMER_TEXT);
  });

  it('keeps markup and control characters as plain text (the engine never interprets them)', () => {
    const c = converse(flow);
    c.say('<script>alert(1)</script>\u0000');
    expect(c.lastBotText()).toBe('Thanks: <script>alert(1)</script>\u0000');
  });

  it('does not stem "words" longer than any English word (the stemmer is quadratic in length)', () => {
    const word = 'refunding'.repeat(10);
    expect(stemWord(word)).toBe(word);
    expect(stemWord('refunding')).toBe('refund');
  });
});
