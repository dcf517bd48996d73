/**
 * Session 39 (fe, issue 11): a product hurting someone as the customer writes is urgency, named before the safety
 * topic (detectUrgency caseInProgress). Sentences made up for the tests (not the corpora's): the positives were handed
 * over as a sensitive topic before (checked on main 2208b2d7); the negatives come out as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { caseInProgress } from '../../../shared/escalation/detectors/detectUrgency';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
// A Monday, 10:00 in London.
const played = (...turns: string[]) => playConversation(flow, 'fe', ['Something else', ...turns], Date.parse('2026-03-02T10:00:00Z')).escalation;
const reason = (...turns: string[]) => played(...turns)?.reason ?? 'none';
const inProgress = (text: string) => {
  const a = analyzeText(text);
  return caseInProgress(a, canonicalTokens(a));
};

describe('a product hurting someone now is urgency, named before the safety topic (caseInProgress)', () => {
  it.each([
    // "just" after a form of be / have, before what happened.
    'my daughter has just burnt her arm on the hair straighteners you sold us, what do I do',
    'the kettle from your shop just exploded, my wife was just scalded',
    // Asks what to do now, with a person or a body named.
    "the heater you sold us sparked and my son's hand is burnt, what do I do",
    'the lamp from your shop gave my wife an electric shock, who do I ring?',
  ])('%j is urgency (was a sensitive topic)', (text) => expect(reason(text)).toBe('urgency'));

  it('names the rule, the sign of now and the classifier reading', () => {
    const e = played('my daughter has just burnt her arm on the hair straighteners you sold us, what do I do');
    const u = e?.signals.find((s) => s.reason === 'urgency');
    expect(u?.source).toBe('rule');
    expect(u?.evidence).toEqual(['just burnt']);
    expect(u?.explanation).toMatch(/^Urgency: a product hurting someone happening as the customer writes \("just burnt"; the classifier reads safety at \d\.\d\d\)/);
  });

  it.each([
    ['the heater caught fire 5 minutes ago and my son has a burn on his hand', '5 minutes ago'],
    ['my little girl has just burnt her hand on the heater from your shop', 'just burnt'],
    ['the straighteners burnt my daughter an hour ago, what should I do', 'an hour ago'],
  ])('%j reads as a case happening now (%j)', (text, words) => expect(inProgress(text)?.words).toBe(words));

  it.each([
    // Long ago, or noticed rather than happening.
    'the hair straighteners burnt my daughter\'s arm last week, I want to report it',
    'the heater gave my son a burn 3 days ago, it\'s a dangerous product',
    'I just noticed the plug on the heater you sold me has melted a bit, is that normal',
    // Asks whether it is safe to go on, or what would happen.
    'the charger got really hot an hour ago, is it safe to keep using it?',
    'is the heater safe to leave on overnight? worried it could catch fire',
    // Asks what to do, but nobody is hurt, or it was long ago.
    'the heater you sold me is dangerous, it scorched the carpet, what should I do',
    'the straighteners burnt my daughter last week, what should I do',
  ])('%j stays a sensitive topic', (text) => expect(reason(text)).toBe('sensitive_topic'));

  it.each([
    'what happens if a child swallows one of the magnets in the building set?',
    'I ordered the heater 5 minutes ago, can I still change the colour?',
  ])('%j is not handed over', (text) => expect(reason(text)).toBe('none'));

  it.each([
    // Fraud and a stranger in the account are not read by this rule (measured: the held-out even ids lost 4, won 1).
    'my card was just used on your site 5 minutes ago for something I didn\'t buy',
    // No sign of now.
    'the heater you sold me burnt my son\'s hand, I want to report it',
    // Not a safety case.
    'I ordered the heater 5 minutes ago, can I still change the colour?',
  ])('%j is no safety case happening now', (text) => expect(inProgress(text)).toBeNull());
});
