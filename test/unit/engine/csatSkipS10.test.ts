// Session 10 (newcomer s9 #1): a customer who types a real question at the rating prompt ("where is my order
// NW-104233?") got "Please pick a number from 1 (bad) to 5 (great)." and the question was dropped. A message that is
// clearly not a rating now skips the rating and goes to the block wired to the CSAT block's `fallback` exit (an intent
// router there answers it at once); short unclear replies are still asked for a number once; a designer can keep the
// strict behaviour (otherMessages: 'ask_again').
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse, makeFlow } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';
import { notARating, parseCsat } from '../../../shared/engine/parseCsat';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { csatBlock } from '../../../shared/flow/blocks/csat';
import { validateFlow } from '../../../shared/flow/validateFlow';
import type { Flow } from '../../../shared/flow/schema';

const supportText = readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8');
const support = loadFlowText(supportText).flow!;
const now = Date.parse('2026-12-01T10:00:00Z');
const played = (turns: string[]) => playConversation(support, 'csat-s10', turns, now);
const botAfterRating = (turns: string[]) => {
  const t = played(turns).transcript;
  const at = t.findIndex((x) => x.from === 'bot' && /how would you rate this chat/.test(x.text));
  expect(at).toBeGreaterThan(0);
  return t.slice(at + 1).filter((x) => x.from === 'bot').map((x) => x.text).join('\n');
};
const toRating = ['Shipping', "No, that's all"];

describe('the shipped support flow at its rating prompt', () => {
  it('answers a tracking question typed instead of a rating (the newcomer report)', () => {
    const said = botAfterRating([...toRating, 'where is my order NW-104233?']);
    expect(said).not.toMatch(/Please pick a number/);
    // The router took the message: tracking NW-104233 (the simulated orders API fails, so the lookup-failed reply).
    expect(said).toMatch(/couldn't look up order NW-104233/);
    const c = converse(support);
    for (const t of [...toRating, 'where is my order NW-104233?']) c.say(t);
    expect(c.variables().csat).toBeUndefined();
    expect(c.effects('record_csat')).toHaveLength(0);
  });
  it.each([
    ['I want to return my boots', /Which order is the return for\?/],
    ['do you take paypal?', /PayPal/],
    // Session 13 (hostile s13 #7): a cancel is confirmed first.
    ['how do I cancel my order NW-104233?', /Just to check: shall I cancel order NW-104233\?/],
  ])('"%s" is answered by the router', (msg, expected) => {
    const said = botAfterRating([...toRating, msg]);
    expect(said).not.toMatch(/Please pick a number/);
    expect(said).toMatch(expected);
  });
  it('a rating is still recorded and thanked', () => {
    const c = converse(support);
    for (const t of [...toRating, '4 out of 5']) c.say(t);
    expect(c.variables().csat).toBe(4);
    expect(c.effects('record_csat').map((e) => e.score)).toEqual([4]);
    expect(botAfterRating([...toRating, '4'])).toMatch(/Thank you for your feedback/);
  });
  it.each(['meh', '10', 'thanks', 'it was ok I guess', 'hmm'])('"%s" is asked for a number once, as before', (msg) => {
    expect(botAfterRating([...toRating, msg])).toMatch(/^Please pick a number from 1 \(bad\) to 5 \(great\)\./);
  });
  it('a request for a person at the rating prompt hands over', () => {
    const p = played([...toRating, 'can I talk to a person please']);
    expect(p.escalation).toMatchObject({ reason: 'explicit_request', action: 'handoff' });
  });
});

/** rating -> bye, its fallback wired as given; a router that knows tracking. */
function small(otherMessages: 'answer' | 'ask_again' | undefined, fallbackTo: 'router' | 'note' | null): Flow {
  return makeFlow(
    [
      { id: 'rate', kind: 'csat', data: otherMessages ? { otherMessages } : {} },
      { id: 'bye', kind: 'end', data: { text: 'Bye.' } },
      { id: 'router', kind: 'intent_router', data: { intents: [{ id: 'track', name: 'track', examples: ['where is my order', 'track my parcel'] }] } },
      { id: 'tracked', kind: 'end', data: { text: 'Tracking {{lastMessage}}.' } },
      { id: 'note', kind: 'end', data: { text: 'Noted, a colleague will read it.' } },
    ],
    [
      ['rate', 'next', 'bye'],
      ...(fallbackTo ? [['rate', 'fallback', fallbackTo] as [string, string, string]] : []),
      ['router', 'track', 'tracked'],
      ['router', 'fallback', 'note'],
    ],
  );
}

describe('the CSAT block option', () => {
  it('defaults to answering (a flow written before the option behaves the new way)', () => {
    const c = converse(small(undefined, 'router'));
    c.say('where is my order NW-1234?');
    expect(c.botTexts().join('\n')).toMatch(/Tracking where is my order NW-1234\?/);
    expect(c.effects('record_csat')).toHaveLength(0);
  });
  it("'ask_again' keeps the strict behaviour: a number once, then the next exit without a rating", () => {
    const c = converse(small('ask_again', 'router'));
    c.say('where is my order NW-1234?');
    expect(c.lastBotText()).toBe('Please pick a number from 1 (bad) to 5 (great).');
    c.say('still, where is my order?');
    expect(c.lastBotText()).toBe('Bye.');
    expect(c.effects('record_csat')).toHaveLength(0);
  });
  it('with the fallback exit unwired the bot asks for a number, as before', () => {
    const c = converse(small('answer', null));
    c.say('where is my order NW-1234?');
    expect(c.lastBotText()).toBe('Please pick a number from 1 (bad) to 5 (great).');
  });
  it('a fallback wired to a block that is not a router is followed', () => {
    const c = converse(small('answer', 'note'));
    c.say('can you send the invoice to my work address?');
    expect(c.lastBotText()).toBe('Noted, a colleague will read it.');
  });
  it('a clicked rating is recorded whatever the option', () => {
    const c = converse(small('answer', 'router'));
    c.click('5');
    expect(c.effects('record_csat').map((e) => e.score)).toEqual([5]);
    expect(c.lastBotText()).toBe('Bye.');
  });
  it('the inspector gets the option from the schema: a select with both choices, titled for a designer', () => {
    const meta = csatBlock.data.shape.otherMessages.meta() as { title: string; widget: string; choices: Record<string, { label: string }> };
    expect(meta.title).toBe('When the customer writes something else');
    expect(meta.widget).toBe('select');
    expect(Object.keys(meta.choices)).toEqual(['answer', 'ask_again']);
    expect(csatBlock.exits(csatBlock.defaultData() as never)).toEqual(['next', 'low_rating', 'fallback']); // low_rating: session 43
  });
  it('an unwired fallback is no validation problem (it is optional)', () => {
    const r = validateFlow(small('answer', null));
    expect(r.problems.filter((p) => p.blockId === 'rate')).toEqual([]);
  });
});

describe('notARating', () => {
  const facts = (text: string, understood = false) => {
    const a = analyzeText(text);
    return { text, normalized: a.normalized, tokens: a.tokens, entities: a.entities, understood };
  };
  it.each(['where is my order?', 'how do I return the jacket', 'NW-104233', 'order #123456', 'https://northwind.example/orders/1'])('"%s" is not a rating', (t) => {
    expect(notARating(facts(t))).toBe(true);
  });
  it.each(['5', 'four', '3/5', '5 stars', 'meh', '10', 'good', 'thanks', 'ok', ''])('"%s" is not clearly something else', (t) => {
    expect(notARating(facts(t, true))).toBe(false);
  });
  it('three words or more that a router understood are a request; fewer are not', () => {
    expect(notARating(facts('I want to return my boots', true))).toBe(true);
    expect(notARating(facts('I want to return my boots', false))).toBe(false);
    expect(notARating(facts('returns please', true))).toBe(false);
  });
  it('parseCsat reads "5?" as 5', () => {
    expect(parseCsat('5?')).toBe(5);
  });
});
