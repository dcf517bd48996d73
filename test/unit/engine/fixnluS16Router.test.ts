/**
 * Session 16 (fixnlu, newcomer s15 N#1, HIGH): the example flow understands an address change asked in other words, and
 * a request after a greeting. "Hi, I moved house. Please send order NW-104233 to 5 Mill Lane, York YO1 7HH instead" was
 * answered "Hello there!" / "What's your question?"; "send my parcel NW-104233 to ..." got the list of what the bot can
 * do. Typed at the first question (the main menu hands free text to the router), as a customer does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');
const first = (text: string) => {
  const c = converse(template(), { now: MONDAY_10_LONDON });
  c.say(text);
  return c;
};
const READ_BACK = 'So order NW-104233 should go to: 5 Mill Lane, York YO1 7HH. Is that right?';

describe('an address change in the customer\'s own words, with or without a greeting', () => {
  it.each([
    ['Hi, I moved house. Please send order NW-104233 to 5 Mill Lane, York YO1 7HH instead'],
    ['I moved house. Please send order NW-104233 to 5 Mill Lane, York YO1 7HH instead'],
    ['send my parcel NW-104233 to 5 Mill Lane, York YO1 7HH please'],
    ['Hello! Can you redirect my parcel NW-104233 to 5 Mill Lane, York YO1 7HH?'],
    ['Please change the delivery address of NW-104233 to 5 Mill Lane, York YO1 7HH'],
  ])('"%s": the order and the address are read back', (text) => {
    const c = first(text);
    expect(c.lastBotText()).toBe(READ_BACK);
    expect(c.botTexts().join('\n')).not.toContain('Hello there!');
  });

  it('"Hi, I moved house and need my order sent somewhere else" asks which order, then the address', () => {
    const c = first('Hi, I moved house and need my order sent somewhere else');
    expect(c.lastBotText()).toBe('Which order should go to a new address? (e.g. NW-104233)');
    c.say('NW-104233');
    expect(c.lastBotText()).toMatch(/^What is the new delivery address\?/);
    c.say('5 Mill Lane, York YO1 7HH');
    expect(c.lastBotText()).toBe(READ_BACK);
  });

  it('an address the customer reports or refuses is no address change', () => {
    const c = first('why did you send my parcel NW-104233 to 5 Mill Lane, York YO1 7HH?');
    expect(c.botTexts().join('\n')).not.toContain('should go to: 5 Mill Lane');
  });
});

describe('a greeting plus a request is the request; a greeting alone is a greeting', () => {
  it('greeting alone: "Hello there!" and the question', () => {
    const c = first('Hi there!');
    expect(c.botTexts().slice(-2)).toEqual(['Hello there!', "What's your question? A few words are enough."]);
  });

  it('greeting + a request the flow answers: the answer, no "Hello there!"', () => {
    const c = first('Good morning! What time do you shut on Saturday?');
    expect(c.botTexts().join('\n')).toContain('Saturday 9am-1pm');
    expect(c.botTexts().join('\n')).not.toContain('Hello there!');
    const d = first('Hello, I\'d like to return a jigsaw puzzle, it was a duplicate present');
    expect(d.botTexts().join('\n')).toContain('You can return unused items within 30 days');
    expect(d.lastBotText()).toBe('Which order is the return for? (e.g. NW-104233)');
  });

  it('request + thanks: the request', () => {
    const c = first('can I pay with Klarna? thanks!');
    expect(c.botTexts().join('\n')).toContain('Klarna (pay in 3)');
  });

  it('greeting + a question the flow cannot answer: greeted and asked for the question, as before', () => {
    const c = first('Good morning, what does a group of crows get called please?');
    expect(c.botTexts().slice(-2)).toEqual(['Hello there!', "What's your question? A few words are enough."]);
  });
});
