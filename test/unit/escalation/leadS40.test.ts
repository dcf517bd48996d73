/**
 * Session 40 (lead, hostile s38 M6 rest): a designer's urgency phrase finds its words' other forms ("miss my flight" finds
 * "I just missed my flight"), quoted as typed. (Menu labels and synonyms by stems were tried and not kept: the template's
 * "Something else" lists "others" so that "the other thing" is not it (newcomer s13 #16), and stems undid that.)
 */
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { detectExplicitRequest } from '../../../shared/escalation/detectors/detectExplicitRequest';
import { facts, policy, memory } from './facts';

describe("designer urgency phrases in another form of their words", () => {
  const NOW = Date.parse('2026-03-09T11:30:00Z');
  const phrases = policy({ urgency: { enabled: true, phrases: ['miss my flight', 'gate closes'] } });
  const urgent = (text: string) => detectUrgency(facts(text, { now: NOW }), phrases, memory());

  it.each([
    ['I just missed my flight, what do I do', 'missed my flight'],
    ['I am missing my flight!!', 'missing my flight'],
    ['the gate closed before I got there', 'gate closed'],
  ])('%s -> urgency quoting "%s"', (text, quoted) => {
    const s = urgent(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.evidence).toEqual([quoted]);
  });

  it.each([
    'I did not miss my flight, I want to add a bag',
    'I never missed my flight in ten years',
  ])('%s -> none (negated)', (text) => expect(urgent(text)).toBe(null));

  it('the phrase as written is still quoted as written', () => {
    expect(urgent('I will miss my flight')?.evidence).toEqual(['miss my flight']);
  });
});

describe('a department as who to talk to (hostile s40 M5)', () => {
  const asks = (text: string) => detectExplicitRequest(facts(text), policy(), memory());
  it.each(['talk to sales', 'can I chat with billing', 'speak to accounts please', 'I want to talk to complaints'])('%s -> explicit request', (text) => {
    expect(asks(text)?.reason).toBe('explicit_request');
  });
  it.each(['what is the sales tax', 'do you have a sales page', 'is there support for Linux', 'is the billing address the delivery address?'])('%s -> none', (text) => {
    expect(asks(text)).toBe(null);
  });
});
