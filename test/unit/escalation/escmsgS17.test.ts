/**
 * escmsg, session 17 (issue 11): message-level readings by structure, in wordings of my own (not corpus lines). Each
 * test is what a customer would notice: a case handed over under its name, or an ordinary message left with the bot.
 * Positive and negative cases for every rule; the near miss's explanation checked where its wording is new.
 */
import { describe, expect, it } from 'vitest';
import { decide, reasonOf } from './support/supportFlowPlay';
import { counterfactualAt, findDeadline, onlyCounterfactualTimes } from '../../../shared/escalation/deadlines';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';

const toks = (t: string) => canonicalTokens(analyzeText(t));
// Wednesday 2 December 2026, 11:00 in London.
const WED_11 = Date.parse('2026-12-02T11:00:00Z');
const deadlineAt = (t: string) => findDeadline(toks(t), WED_11, 'Europe/London', 168);

describe('a call asked for on a delivery event is for the courier, not a request for staff (hostile s16 #8)', () => {
  it.each([
    "14 Elm Road, Leeds LS1 4AB, and call me on 07700 900123 if the courier can't find it",
    'call me on 07700 900123 if the driver gets lost',
    'ring me when the parcel arrives please',
    "Flat 2, 9 High St. Call me if you can't find the building",
  ])('%j is not an explicit request', (t) => {
    expect(reasonOf(t)).not.toBe('explicit_request');
  });
  it('the classifier reading "call me" is a near miss that names the delivery event', () => {
    const d = decide("14 Elm Road, Leeds LS1 4AB, and call me on 07700 900123 if the courier can't find it");
    expect(d.reason).not.toBe('explicit_request');
    const miss = d.nearMisses?.find((n) => n.reason === 'explicit_request');
    expect(miss?.explanation).toMatch(/the call it asks for is on a delivery event \("call me on 07700 900123 if the courier"\): for the courier, not a person of the shop/);
  });
  it.each([
    'can someone call me on 07700 900123 about my refund',
    'please call me back, 07700 900123',
    'if nobody can sort this, call me on 07700 900123',
    "call me if you can't sort my refund",
    "call me on 07700 900123 when you've looked at my complaint",
    'can a manager call me when the parcel arrives',
  ])('%j is still an explicit request (the condition is the shop\'s help, or a person of the shop is named)', (t) => {
    expect(reasonOf(t)).toBe('explicit_request');
  });
});

describe('a time in a counterfactual is no deadline: "if my shop ran like yours we\'d be shut by Tuesday" (escmsg s16 not done)', () => {
  it.each([
    "if my shop ran like yours we'd be shut by Tuesday",
    "if I'd known, I would have ordered by Friday",
    'had I ordered earlier it would have been here by Monday',
    "if you lot ran a bakery we'd all starve by lunchtime",
  ])('%j names no deadline and is not urgency', (t) => {
    expect(deadlineAt(t)).toBeNull();
    expect(reasonOf(t)).not.toBe('urgency');
  });
  it.each([
    ["If it doesn't come by Friday I'll miss the wedding", 'by friday'],
    ["I'd need it by Friday", 'by friday'],
    ["I'd like it by Friday please, it's for a funeral", 'by friday'],
    ['it would have to be here by Saturday, the party is Saturday', 'by saturday'],
    ["we'd be grateful to have it by tomorrow, it's for the wedding", 'by tomorrow'],
  ])('%j is still a deadline (a real condition, a need or a wish)', (t, words) => {
    expect(deadlineAt(t)?.words.startsWith(words)).toBe(true);
    expect(reasonOf(t)).toBe('urgency');
  });
  it('reads the "would" before the time and the past "if" clause before it', () => {
    const a = toks("if my shop ran like yours we'd be shut by Tuesday");
    expect(counterfactualAt(a, a.indexOf('tuesday'))).toBe(true);
    const b = toks("if my shop ran like yours, fine, but I need it by Tuesday");
    expect(counterfactualAt(b, b.indexOf('tuesday'))).toBe(false);
    // "wed" before a day is Wednesday, not "we'd".
    const c = toks('deliver it wed by 5pm please');
    expect(counterfactualAt(c, c.indexOf('5pm') >= 0 ? c.indexOf('5pm') : c.length - 2)).toBe(false);
  });
  it('every time named must be counterfactual for the classifier to be set aside', () => {
    expect(onlyCounterfactualTimes(toks("if my shop ran like yours we'd be shut by Tuesday"))).toBe(true);
    expect(onlyCounterfactualTimes(toks("if my shop ran like yours we'd be shut by Tuesday, and I need this by Friday"))).toBe(false);
    expect(onlyCounterfactualTimes(toks('where is my parcel'))).toBe(false);
  });
});

describe('something on the customer\'s account that the customer disowns is fraud or account security (sensitive topics by meaning)', () => {
  it.each([
    ["there's a subscription on my account I never set up", 'fraud', 'subscription on my account i never set'],
    ["there's an order on ma account fer a telly. I've nae bocht a telly in ma life", 'fraud', 'order on ma account fer a telly i have nae bocht'],
    ['an instalment plan came out of my paypal and we never agreed to it', 'fraud', 'instalment plan came out of my paypal and we never agreed'],
    ["there's a card saved on my account ending 7731 and it's not mine, never seen it", 'account security', 'card saved on my account ending 7731 and its not mine never seen it'],
  ])('%j is a sensitive topic by meaning, and names what was disowned', (t, topic, words) => {
    expect(reasonOf(t)).toBe('sensitive_topic');
    const s = decide(t).signals.find((x) => x.reason === 'sensitive_topic');
    expect(s?.evidence[0]).toBe(topic);
    expect(s?.explanation).toBe(`Sensitive topic "${topic}" by meaning: ${topic === 'fraud' ? "something on the customer's account or statement" : "something saved on the customer's account"} that the customer says is not theirs ("${words}").`);
  });
  it.each([
    'an order on my account never arrived, where is it?',
    "what happens if there's an order on my account I didn't make?",
    'the charge on my card is mine, I just need a receipt',
  ])('%j is not (no disowning: a delivery problem, a display, a question in general)', (t) => {
    expect(reasonOf(t)).not.toBe('sensitive_topic');
  });
  // A known miss from session 22's round-nine retrain (security 0.78, fraud 0.67) until session 25's round ten.
  it('"My order is not showing in my account but I got the email. Is that normal?" is not', () => {
    expect(reasonOf('My order is not showing in my account but I got the email. Is that normal?')).not.toBe('sensitive_topic');
  });
});

describe('praise around a quoted status challenged by echoing it is sarcasm (negative with no negative word)', () => {
  it.each([
    "Very nice, 'delivered to safe place'. Which safe place? Simply tell me",
    "Aye brilliant. Tracking says it's been 'with the courier' since Tuesday. Which courier, the Loch Ness monster?",
    "Lovely. \u2018Out for delivery\u2019 all day. What delivery?",
  ])('%j is negative sentiment, by the rule', (t) => {
    expect(reasonOf(t)).toBe('negative_sentiment');
    const s = decide(t).signals.find((x) => x.reason === 'negative_sentiment');
    expect(s?.source).toBe('rule');
    expect(s?.explanation).toMatch(/^Negative sentiment: praise around the shop's own status quoted and challenged by echoing it, sarcasm about the status \(/);
  });
  it.each([
    'tracking says "delivered to parcel locker", which locker? NW-118321',
    "great, it says 'awaiting collection', what collection point is it at?",
    "it says 'great news, delivered'. which delivered?",
    "not brilliant, 'delivered to safe place'. which safe place?",
  ])('%j is not this rule (no praise outside the quote, praise denied, or a question that goes on)', (t) => {
    const s = decide(t).signals.find((x) => x.reason === 'negative_sentiment' && x.source === 'rule' && /echoing it/.test(x.explanation));
    expect(s).toBeUndefined();
  });
});

describe('an account named and then closed by a word pointing back to it is cancellation & account deletion (sensitive topics by meaning)', () => {
  it.each([
    "we made a shop account for the choir's orders but the choir has folded, could you shut it down",
    'I ended up with two profiles by mistake, please get rid of the old one',
    'I do not want a login on your site anymore, can you take it away completely',
    'I no longer want an account with you',
  ])('%j is a sensitive topic by meaning', (t) => {
    expect(reasonOf(t)).toBe('sensitive_topic');
    const s = decide(t).signals.find((x) => x.reason === 'sensitive_topic');
    expect(s?.explanation).toMatch(/^Sensitive topic "cancellation & account deletion" by meaning: the customer wants their account closed or gone \("/);
  });
  // Known miss since session 25's round-ten retrain: the cancellation output reads it 0.91 (threshold 0.85).
  it.fails('"there\'s an old address on my account, can you get rid of it" is not', () => {
    expect(reasonOf("there's an old address on my account, can you get rid of it")).not.toBe('sensitive_topic');
  });
  it.each([
    'my account has an old photo on it, take it down please',
    'I made an account yesterday, can I take it with me to the app?',
    "I don't want an account, can I check out as a guest?",
  ])('%j is not (another thing is what goes, or no account is wanted in the first place)', (t) => {
    expect(reasonOf(t)).not.toBe('sensitive_topic');
  });
});
