/**
 * Session 18 (fixsec, review of session 17): the invisible-character class was written four times with different
 * members; the greeting split's copy lacked the direction marks, so "hi\u200e, I want a human" was greeted and the
 * request swallowed. Now shared/engine/unicodeText's one class (withoutInvisible) in courtesy and normalizeText.
 */
import { describe, expect, it } from 'vitest';
import { first } from './supportRouter';
import { courtesyOf } from '../../../shared/nlu/courtesy';
import { normalizeText } from '../../../shared/nlu/normalizeText';

describe('a direction mark or isolate after a greeting (review of session 17)', () => {
  it.each(['\u200e', '\u200f', '\u2066', '\u2069', '\u202a', '\u2061', '\u034f'])('courtesyOf splits "hi%j, cancel NW-230918"', (mark) => {
    const c = courtesyOf(`hi${mark}, cancel NW-230918`);
    expect(c?.greeting).toBe('hi');
    expect(c?.rest).toBe('cancel NW-230918');
  });
  it('normalizeText reads through them as through a zero-width space', () => {
    expect(normalizeText('tal\u200ek to a per\u2066son')).toBe(normalizeText('talk to a person'));
  });
  it.each(['hi\u200e, I want a human', 'hello\u200f, I want a human', 'hi\u2066 I want a human\u2069'])('%j is read as a request for a person, not greeted', (text) => {
    const c = first(text);
    const said = c.botTexts().join('\n');
    expect(said).not.toContain('Hello there!');
    expect(said).toContain("I'll get a person for you");
  });
  it.each(['hi\u200e, cancel NW-230918', 'hi\u200e cancel NW-230918', 'hello\u200f, cancel NW-230918', 'hi\u2066, cancel NW-230918\u2069'])('%j starts the cancellation (was greeted: "Hello there!")', (text) => {
    const c = first(text);
    expect(c.botTexts().join('\n')).not.toContain('Hello there!');
    expect(c.lastBotText()).toMatch(/cancel order NW-230918/);
  });
});
