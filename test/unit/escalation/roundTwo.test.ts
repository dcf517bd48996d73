/**
 * Issue 11 (escalation quality, round two): each new case, positive and negative. Messages here are
 * written for these tests (not taken from the blind sets).
 */
import { CLASSIFIER_THRESHOLDS } from '../../../shared/escalation/classifier/thresholds';
import { describe, expect, it } from 'vitest';
import { detectExplicitRequest } from '../../../shared/escalation/detectors/detectExplicitRequest';
import { detectNegativeSentiment } from '../../../shared/escalation/detectors/detectNegativeSentiment';
import { detectSensitiveTopic, topicOutputFor } from '../../../shared/escalation/detectors/detectSensitiveTopic';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { evaluateEscalation } from '../../../shared/escalation/evaluateEscalation';
import { escalationVocabularyWarnings } from '../../../shared/escalation/vocabularyWarnings';
import { facts, fires, memory, policy } from './facts';

const supportTopics = {
  sensitiveTopics: {
    topics: [
      { name: 'refunds', phrases: ['refund', 'money back'] },
      { name: 'billing & double charges', phrases: ['charged twice', 'billing error'] },
      { name: 'account security', phrases: ['hacked'] },
      { name: 'legal & privacy', phrases: ['GDPR', 'personal data'] },
      { name: 'fraud', phrases: ['fraud'] },
      { name: 'damaged goods', phrases: ['broken', 'arrived damaged'] },
      { name: 'safety', phrases: ['caught fire'] },
    ],
  },
};
const topicPolicy = policy(supportTopics);
const topicOf = (text: string) => fires(detectSensitiveTopic, text, topicPolicy)?.evidence[0] ?? null;

describe('explicit requests in indirect forms', () => {
  it.each([
    'could somebody from your office give me a ring this afternoon',
    'is anyone real actually reading these messages?',
    'pls get me the billing dept',
    'I would be most grateful if a member of your team could telephone me',
    'cn sum1 from ur team tlk 2 me',
    'please I want speak with one staff of the company',
  ])('fires on %j and names the classifier score or the rule', (text) => {
    const s = fires(detectExplicitRequest, text);
    expect(s, text).not.toBeNull();
    expect(s!.explanation).toMatch(/asked for a person/);
    if (s!.source === 'classifier') {
      expect(s!.explanation).toMatch(new RegExp(`the classifier score [01]\\.\\d\\d is at or above the threshold ${CLASSIFIER_THRESHOLDS.explicit}, so it fires`));
      expect(s!.evidence[0]).toMatch(/^classifier explicit [01]\.\d\d$/);
    }
  });

  it.each([
    "I don't need to talk to anyone, just the opening times please",
    'my estate agent will collect the parcel',
    'are you a bot? just curious',
    'the courier said someone signed for it',
    'does the HR department have vacancies?',
  ])('does not fire on %j', (text) => {
    expect(fires(detectExplicitRequest, text)).toBeNull();
  });
});

describe('negative sentiment without classic negative words', () => {
  it.each([
    'oh brilliant, a fourth week of "processing", truly living the dream',
    'you lot are an absolute clown show',
    'this is sh*t',
    'where is it 🙄🙄',
    'I HAVE ASKED FOUR TIMES WHERE MY PARCEL IS',
    'hello?!?!?!',
  ])('fires on %j', (text) => {
    const s = fires(detectNegativeSentiment, text);
    expect(s, text).not.toBeNull();
  });

  it.each([
    'these trainers are sick, proper fire',
    'unfortunately I need to change my delivery address',
    'no complaints at all, just want to know when the sale starts',
    'not bad at all, thanks',
    'thank you so much 😊',
  ])('does not fire on the kind use %j', (text) => {
    expect(fires(detectNegativeSentiment, text)).toBeNull();
  });

  it('shows a vetoed lexicon hit as a near miss, not a signal', () => {
    const { decision } = evaluateEscalation(policy(), facts('this jacket is sick'), memory());
    expect(decision.action).toBe('none');
    if (decision.nearMisses && decision.nearMisses.length > 0) expect(decision.nearMisses[0].explanation).toMatch(/^Near miss/);
  });

  it('asks the classifier to be surer when the designer is stricter, and leaves it to the lexicon at -0.9', () => {
    const sarcasm = 'oh lovely, another week of waiting, just what I wanted';
    expect(fires(detectNegativeSentiment, sarcasm)).not.toBeNull();
    expect(fires(detectNegativeSentiment, sarcasm, policy({ negativeSentiment: { threshold: -0.9 } }))).toBeNull();
  });
});

describe('sensitive topics by meaning', () => {
  it.each([
    ['fraud', 'there is a purchase on my account that I never made'],
    ['billing & double charges', 'my bank statement shows you took the payment two times'],
    ['account security', 'the email address on my profile changed and it was not me'],
    ['legal & privacy', 'please send me a copy of everything you store about me'],
    ['safety', 'the heater gave off sparks and burnt my daughter'],
    ['refunds', 'I posted the jacket back a month ago and still have not been paid back'],
  ])('reads %s in %j', (topic, text) => {
    expect(topicOf(text)).toBe(topic);
  });

  it.each([
    'what is your refund policy?',
    "I don't want a refund, just the tracking number",
    'what happens in general if something arrives broken?',
    'is the kettle safe for children?',
  ])('does not fire on the general question or negation %j', (text) => {
    expect(topicOf(text)).toBeNull();
  });

  it('maps designer topics onto the classifier by name', () => {
    expect(topicOutputFor({ name: 'Product safety', phrases: [], intents: [], examples: [] })).toBe('safety');
    expect(topicOutputFor({ name: 'legal & privacy', phrases: [], intents: [], examples: [] })).toBe('privacy');
    expect(topicOutputFor({ name: 'VIP lounge', phrases: ['lounge'], intents: [], examples: [] })).toBeNull();
  });
});

describe('urgency against the conversation clock in the flow time zone', () => {
  // Tuesday 24 November 2026, 10:00 in London.
  const now = Date.parse('2026-11-24T10:00:00Z');
  const urgent = (text: string, extra: Record<string, unknown> = {}, timezone = 'Europe/London') =>
    detectUrgency(facts(text, { now, timezone }), policy({ urgency: extra }), memory());

  it.each([
    'I need it by 3pm',
    'can it get here before 17:30?',
    'the party is tonight, will it arrive?',
    'it has to be delivered tomorrow morning',
    'I need the dress for the wedding on Saturday',
    'by noon?',
  ])('fires on the deadline in %j', (text) => {
    const s = urgent(text);
    expect(s, text).not.toBeNull();
  });

  it('says how far away the deadline is on the flow clock', () => {
    const s = urgent('I need it by 3pm')!;
    expect(s.explanation).toMatch(/deadline \("by 3pm"\) is about 5 hours away on the conversation's clock \(Europe\/London\)/);
  });

  it('compares with the clock: a weekday beyond the designer horizon is not urgent', () => {
    expect(urgent('I need the dress for the wedding on Saturday', { deadlineHours: 24 })).toBeNull();
    expect(urgent('I need it by 3pm', { deadlineHours: 24 })).not.toBeNull();
  });

  it('reads clock times in the flow time zone', () => {
    // 10:00 UTC is 02:00 in Los Angeles: "by 3pm" is 13 hours away there, 5 in London.
    const la = urgent('I need it by 3pm', { deadlineHours: 8 }, 'America/Los_Angeles');
    const london = urgent('I need it by 3pm', { deadlineHours: 8 }, 'Europe/London');
    expect(la).toBeNull();
    expect(london).not.toBeNull();
  });

  it.each([
    'my son cut his hand badly on the blender and is bleeding',
    'the courier is at my door right now asking for a code',
    'someone is placing orders on my card as we speak',
  ])('fires on the emergency %j', (text) => {
    expect(urgent(text)).not.toBeNull();
  });

  it.each([
    'are you open tomorrow?',
    'it arrived at 3pm yesterday, thanks',
    'I ordered it on Monday',
    'delivery tomorrow is fine, no rush',
    'how are you today?',
  ])('does not fire on %j', (text) => {
    expect(urgent(text)).toBeNull();
  });
});

describe("the designer's vocabulary", () => {
  it('fires on a phrase and on a message close to an example, and names them', () => {
    const p = policy({ explicitRequest: { phrases: ['speak to the captain'] }, urgency: { examples: ['the ferry to the island is boarding and I have no ticket'] } });
    const phrase = fires(detectExplicitRequest, 'let me speak to the captain', p)!;
    expect(phrase.source).toBe('designer');
    expect(phrase.explanation).toContain('the message contains the policy\'s phrase "speak to the captain", so it fires');
    const example = fires(detectUrgency, 'the ferry to the island is boarding and I have no tickets', p)!;
    expect(example.explanation).toMatch(/similarity 0\.\d\d to the policy's example ".*" is at or above 0\.72, so it fires/);
  });

  it("shows a message close to a designer's example but under the bar as a near miss naming the example (session 27)", () => {
    const p = policy({ sensitiveTopics: { topics: [{ name: 'theft', phrases: ['stolen bike'], examples: ['my bike was nicked'] }] }, classifier: { enabled: false } });
    const near = evaluateEscalation(p, facts('someone pinched my bike'), memory()).decision;
    expect(near.action).toBe('none');
    const miss = (near.nearMisses ?? []).find((n) => n.source === 'designer');
    expect(miss?.reason).toBe('sensitive_topic');
    expect(miss?.evidence).toEqual(['my bike was nicked']);
    expect(miss?.explanation).toMatch(/^Near miss \(sensitive topic "theft"\): the message's similarity 0\.4\d to the policy's example "my bike was nicked" is below 0\.72, so it does not fire\. Add the customer's wording/);
    expect(near.explanation).toContain('No escalation. Near miss');
    // Far from every example: no near miss; at the bar: it fires and the near miss is not listed beside it.
    expect(evaluateEscalation(p, facts('where is my order?'), memory()).decision.nearMisses!.filter((n) => n.source === 'designer')).toEqual([]);
    const fired = evaluateEscalation(p, facts('my bike was nicked yesterday'), memory()).decision;
    expect(fired.reason).toBe('sensitive_topic');
    expect(fired.nearMisses!.filter((n) => n.reason === 'sensitive_topic')).toEqual([]);
  });

  it('never triggers on the neverTrigger words, and still reads the rest of the message', () => {
    const p = policy({ neverTrigger: ['Rage Red'] });
    expect(evaluateEscalation(p, facts('do you have the Rage Red hoodie in medium?'), memory()).decision.action).toBe('none');
    expect(evaluateEscalation(p, facts('the Rage Red hoodie arrived broken, I want my money back'), memory()).decision.action).toBe('none');
    const withTopics = policy({ ...supportTopics, neverTrigger: ['Rage Red'] });
    expect(evaluateEscalation(withTopics, facts('the Rage Red hoodie arrived broken, I want my money back'), memory()).decision.reason).toBe('sensitive_topic');
  });

  it('switches the classifier off on request: only rules and the designer vocabulary fire', () => {
    // Round six's rules read "give me a ring" (contact frames); this wording is still the classifier's alone.
    const text = 'could somebody from your office ring this afternoon';
    expect(fires(detectExplicitRequest, text)?.source).toBe('classifier');
    expect(fires(detectExplicitRequest, text, policy({ classifier: { enabled: false } }))).toBeNull();
  });

  it('warns about a phrase that matches ordinary questions, with its path and an example', () => {
    const warnings = escalationVocabularyWarnings(policy({ urgency: { phrases: ['delivery'] }, sensitiveTopics: { topics: [{ name: 'refunds', phrases: ['refund', 'order'] }] } }));
    const paths = warnings.map((w) => w.path.join('.'));
    expect(paths).toContain('escalation.urgency.phrases.0');
    expect(paths).toContain('escalation.sensitiveTopics.topics.0.phrases.1');
    expect(paths).not.toContain('escalation.sensitiveTopics.topics.0.phrases.0');
    const order = warnings.find((w) => w.path.join('.') === 'escalation.sensitiveTopics.topics.0.phrases.1')!;
    expect(order.message).toMatch(/^The phrase "order" of sensitive topic "refunds" matches \d+ ordinary questions/);
    expect(order.matches).toBeGreaterThan(5);
  });
});

describe('near misses', () => {
  it('lists a classifier score below its threshold in the decision, without acting on it', () => {
    let seen = 0;
    for (const text of ['could someone check this', 'this is taking forever', 'hmm this is slow', 'I need it soon']) {
      const { decision } = evaluateEscalation(policy(), facts(text), memory());
      for (const n of decision.nearMisses ?? []) {
        seen++;
        expect(n.score).toBeLessThan(n.threshold);
        expect(n.explanation).toMatch(/^Near miss/);
        expect(decision.signals.some((s) => s.reason === n.reason)).toBe(false);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});
