/**
 * Session 28 (topics, issue 11): upset said as a kind of statement with no classic negative word
 * (customerVerdict.statedUpset), and sarcasm's praise and facts read more broadly (customerVerdict.praiseAgainstFacts).
 * Sentences made up for the tests; each reading with the ordinary messages that must not fire it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';
import { comparedWithWorse, leavingOrShaming, praiseAgainstFacts, statedUpset } from '../../../shared/escalation/customerVerdict';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const play = (...turns: string[]) => playConversation(flow, 'tp', ['Something else', ...turns], Date.parse('2026-03-02T10:00:00Z'));
const reason = (...turns: string[]) => play(...turns).escalation?.reason ?? 'none';
const tk = (s: string) => canonicalTokens(analyzeText(s));
const stated = (s: string) => statedUpset(tk(s), s);

describe('upset said as a kind of statement (customerVerdict.statedUpset)', () => {
  it.each([
    ["that's my whole Saturday wasted waiting in for your van", 'time lost to the shop'],
    ["you've wasted my entire day off", 'time lost to the shop'],
    ['my patience ran out a week ago', 'patience at its end'],
    ['I have been patient for a month with this', 'patience at its end'],
    ['you have just lost a loyal customer', 'loyalty taken back'],
    ['I used to recommend you to everyone, not any more', 'loyalty taken back'],
    ['does anyone there even read these messages', 'competence doubted by a question nobody asks to learn'],
    ['who programmed you, a toaster', 'competence doubted by a question nobody asks to learn'],
    ["I'd have better luck asking my goldfish", 'help better got from a thing'],
    ['your couriers are worse than a toddler with a map', 'the shop worse than something low'],
    ['What a farce.', 'a verdict alone'],
    ['Typical. Just typical.', 'a verdict alone'],
  ])('%j is %s', (t, kind) => expect(stated(t)?.kind).toBe(kind));

  it.each([
    "I don't want my Saturday wasted, which day do you deliver?",
    'thank you for your patience message, the parcel came today',
    'I used to order from you years ago, is the oak shelf still sold?',
    'is there anyone who can help with a return?',
    'would I get better service from the express option?',
    'is the grey worse than the blue for pet hair?',
    'Typical price for this size?',
    'I lost my time slot, can I pick another one',
    'I wasted no time ordering the second lamp, it is lovely',
    'ridiculously comfy slippers, do you have them in a 7',
  ])('%j is not', (t) => expect(stated(t)).toBeNull());

  it('fires negative sentiment in the support flow, and an ordinary question stays ordinary', () => {
    const fired = play('so that is my afternoon wasted then, lovely');
    expect(fired.escalation?.reason).toBe('negative_sentiment');
    expect(fired.escalation?.signals.some((s) => s.explanation.includes('time lost to the shop'))).toBe(true);
    expect(reason('I lost my time slot, can I pick another one')).toBe('none');
  });
});

describe("sarcasm: praise against the message's own facts, read more broadly (customerVerdict.praiseAgainstFacts)", () => {
  it.each(['Thanks a bunch, ordered a green kettle and got a pink one', "this slow and I'm genuinely impressed, well done"])('%j is sarcasm', (t) =>
    expect(praiseAgainstFacts(tk(t), t)).not.toBeNull(),
  );
  it.each(['Brilliant, ordered a lamp and got it next day', 'thanks a bunch, can I get the same in blue?', 'I am genuinely impressed with the quilt'])('%j is not', (t) =>
    expect(praiseAgainstFacts(tk(t), t)).toBeNull(),
  );
});

describe("sarcasm's gate holds every word its praise is read from (customerVerdict.praiseAgainstFacts)", () => {
  it.each(['Very quick delivery, just three weeks for one candle.', 'Good job, the same status for the fifth time.'])('%j is sarcasm', (t) =>
    expect(praiseAgainstFacts(tk(t), t)).not.toBeNull(),
  );
  it.each(['Very quick delivery, thank you!', 'Good job on the packaging, is the same one coming in two weeks?'])('%j is not', (t) =>
    expect(praiseAgainstFacts(tk(t), t)).toBeNull(),
  );
});

describe("leaving the shop: the token gate holds the words of every pattern (customerVerdict.leavingOrShaming)", () => {
  it.each([
    ['Sort it by Friday or I am going to a different retailer.', 'going to a different retailer'],
    ['I will be writing to trading standards about this.', 'trading standards'],
    ['Fine. We are never coming back.', 'we are never coming back'],
    ['I am going to put the whole story on YouTube', 'youtube'],
  ])('%j leaves or shames (%s)', (t, words) => expect(leavingOrShaming(tk(t))).toBe(words));
  it.each([
    "I'm not returning anything, I only want to know the policy",
    'will the green one come back in stock?',
    'I saw your advert on YouTube, do you ship to Cork?',
    'is it cheaper at another store or the same price?',
  ])('%j does not', (t) => expect(leavingOrShaming(tk(t))).toBeNull());
});

describe('every pattern of a gated reading can run: its words are in its gate', () => {
  it.each([
    ['I have been nice for three weeks about this', 'patience at its end'],
    ['Pathetic.', 'a verdict alone'],
    ['my whole Sunday, down the drain', 'time lost to the shop'],
  ])('%j is %s (customerVerdict.statedUpset)', (t, kind) => expect(stated(t)?.kind).toBe(kind));
  it("\"I've had more help from a vending machine\" is contempt by comparison (customerVerdict.comparedWithWorse)", () =>
    expect(comparedWithWorse(tk("I've had more help from a vending machine"))).toBe('had more help from a'));
  it.each(['I have been nice to the courier, is that ok?', 'more help with sizes please'])('%j is neither', (t) => {
    expect(stated(t)).toBeNull();
    expect(comparedWithWorse(tk(t))).toBeNull();
  });
});

describe('the customer counts how often they have chased (customerVerdict.statedUpset)', () => {
  it.each(['Please note this is my 4th email on the same matter.', 'so we are on day 10 now', 'I have explained it three times already', 'this is the third time I have asked'])(
    '%j counts the chase',
    (t) => expect(stated(t)?.kind).toBe('the customer counts how often they have chased'),
  );
  it.each(['this is the second time I order from you, great shop', 'is it my third order that gets free delivery?', 'The 2nd email had the invoice, thanks', 'day 10 of my holiday and the hat is perfect'])(
    '%j does not',
    (t) => expect(stated(t)).toBeNull(),
  );
});

describe("someone of the shop praised or thanked is not a request for a person (detectExplicitRequest staffPraised)", () => {
  it.each([
    'Your courier Dave was so kind, he waited while I found my keys. When is the next parcel coming? NW-123456',
    'lovely to be able to chat on here, much easier than the phone. Do you ship to Malta?',
  ])('%j is not a request for a person', (t) => expect(reason(t)).not.toBe('explicit_request'));
  it.each(['your staff were lovely, can I speak to one of them about a bulk order', 'the lady on the phone was kind, please put me through to her again'])(
    '%j still asks for a person',
    (t) => expect(reason(t)).toBe('explicit_request'),
  );
});
