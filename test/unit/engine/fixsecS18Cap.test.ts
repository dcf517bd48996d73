/**
 * Session 18 (fixsec, hostile s17 H#19): the engine masked a message, then cut the MASKED text at 4,000 UTF-16 units: a
 * message under the cap whose masks made it longer lost its tail (the customer's request) and stored half an emoji.
 * Now receive masks and cuts in one step (customerSecrets maskCustomerText): the cap counts what the customer sent.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CUSTOMER_TEXT } from '../../../shared/engine/engine';
import { converse, makeFlow } from './harness';

const flow = makeFlow(
  [
    { id: 'q', kind: 'question', data: { text: 'What is your question?', variable: 'question' } },
    { id: 'bye', kind: 'end', data: { text: 'Thanks.' } },
  ],
  [['q', 'next', 'bye']],
);
const saidOf = (text: string) => {
  const c = converse(flow);
  c.say(text);
  return c.transcript().find((t) => t.from === 'customer')!.text;
};

describe('the cap after masking (hostile s17 H#19)', () => {
  it('a message under the cap keeps its end when masks would lengthen it, with no lone surrogate', () => {
    const sent = 'pin 123 '.repeat(300) + 'where is NW-230918? ' + '😀'.repeat(789);
    expect(sent.length).toBeLessThanOrEqual(MAX_CUSTOMER_TEXT);
    const said = saidOf(sent);
    expect(said.length).toBeLessThanOrEqual(MAX_CUSTOMER_TEXT);
    expect(said).toContain('where is NW-230918?');
    expect(said.endsWith('😀')).toBe(true);
    expect(/\p{Cs}/u.test(said)).toBe(false);
    expect(said).not.toMatch(/pin 123/);
  });
  it('a message over the cap is cut at the cap of what was sent, never inside an emoji or a card', () => {
    const said = saidOf('x'.repeat(MAX_CUSTOMER_TEXT - 1) + '😀 and more');
    expect(said).toBe('x'.repeat(MAX_CUSTOMER_TEXT - 1) + ' […]');
    const card = saidOf('x'.repeat(MAX_CUSTOMER_TEXT - 10) + ' 4111 1111 1111 1111 please');
    expect(card).not.toMatch(/4111|1111/);
    expect(card.endsWith(' […]')).toBe(true);
  });
});
