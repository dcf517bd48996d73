/**
 * Session 17 (fixnlu, hostile s17 H#24): a greeting with an emoji, a typographic apostrophe or a zero-width character
 * glued to it no longer swallows the request after it: "hi😊, cancel NW-230918" was answered "Hello there! What's your
 * question?". Played on the example flow as a first message (the main menu hands free text to the router).
 */
import { describe, expect, it } from 'vitest';
import { template, MONDAY_10_LONDON, first } from './supportRouter';
import { courtesyOf } from '../../../shared/nlu/courtesy';


describe('courtesyOf: emoji, apostrophes and invisible characters end a greeting', () => {
  it.each([
    ['hi😊, cancel NW-230918', 'hi😊'],
    ['hi👋 cancel NW-230918', 'hi👋'],
    ['hello👋🏽, cancel NW-230918', 'hello👋🏽'],
    ['hey❤️ cancel NW-230918', 'hey❤️'],
    ['Hi’ cancel NW-230918', 'Hi’'],
    ['hi\u200b, cancel NW-230918', 'hi'],
    ['hi\u200b cancel NW-230918', 'hi'],
    ['he\u00adllo cancel NW-230918', 'hello'],
  ])('%j: greeting %j, rest is the request', (text, greeting) => {
    const c = courtesyOf(text);
    expect(c?.greeting).toBe(greeting);
    expect(c?.rest).toBe('cancel NW-230918');
  });

  it('thanks with an emoji at the end are thanks', () => {
    expect(courtesyOf('where is my order, thanks 😊')).toEqual({ greeting: null, thanks: true, apology: false, rest: 'where is my order' });
    expect(courtesyOf('where is my order 🙏 thank you')).toEqual({ greeting: null, thanks: true, apology: false, rest: 'where is my order' });
  });

  it('a word that starts like a greeting is no greeting; an emoji alone after a word is no thanks', () => {
    expect(courtesyOf('history of NW-230918')).toBeNull();
    expect(courtesyOf('hiking boots😊 cancel NW-230918')).toBeNull();
    expect(courtesyOf('heyday')).toBeNull();
    expect(courtesyOf('where is my order 😊')).toBeNull();
  });
});

describe('the example flow: a glued greeting before a request (H#24)', () => {
  it.each([
    ['hi👋 cancel NW-230918'],
    ['hi😊, cancel NW-230918'],
    ['hello👋, cancel NW-230918'],
    ['hi\u200b, cancel NW-230918'],
    ['hi\u200b cancel NW-230918'],
    ['Hi’ cancel NW-230918'],
  ])('%j starts the cancellation of NW-230918', (text) => {
    const c = first(text);
    const said = c.botTexts().join('\n');
    expect(said).not.toContain('Hello there!');
    expect(said).toContain('NW-230918');
    expect(c.lastBotText()).toMatch(/cancel/i);
  });

  it.each([['hi😊'], ['hello 👋'], ['hey\u200b'], ['Hi’']])('%j alone is still greeted', (text) => {
    expect(first(text).botTexts().join('\n')).toContain('Hello there!');
  });
});
