/**
 * Session 37 (fe, issue 11): ordinary questions handed over, fixed by mechanism. Sentences made up for the tests (not
 * the corpora's, not the kept-out sets'); each with the cases that must still fire.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';
import { PHRASE_UNREAD_SCORE } from '../../../shared/escalation/detectors/detectSensitiveTopic';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
// A Monday, 10:00 in London.
const reason = (...turns: string[]) =>
  playConversation(flow, 'fe', ['Something else', ...turns], Date.parse('2026-03-02T10:00:00Z')).escalation?.reason ?? 'none';

describe('a topic phrase where the classifier reads nothing a person is for, with nothing of the customer\'s own next to it (phraseUnread)', () => {
  it('keeps the floor low: a calibration, not a second classifier threshold', () => {
    expect(PHRASE_UNREAD_SCORE).toBeLessThanOrEqual(0.1);
  });

  it.each([
    'is it fine to hack the shelf kit into two small shelves? do you sell extra brackets',
    'the word fraud is in the title of that book, do you have it in paperback?',
    'is it true you give damaged returns to charity? nice',
    'travel hack: pack socks inside the shoes. do you sell packing cubes?',
    'is VAT refunded for orders outside the UK? just a general query',
    'the neighbour broke his lease and moved, do you deliver to flats with no lift?',
    'my uncle is a lawyer and he wants a leather briefcase, any in brown?',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    // the customer's own word next to the phrase keeps it, whatever the classifier reads
    'my account got hacked yesterday, what happens if they order things?',
    'the mirror I ordered came smashed, just wondering what I do now',
    'mine arrived broken, do you sell replacements?',
    'we got charged twice, just wondering why',
    // the classifier reads the topic
    'the glass vase was shattered when it came',
    'parcel arrived damaged, how do I report it?',
    'someone hacked into the account and changed the email',
    'I want my money back',
    'I will sue you if this is not resolved',
    // an accusation the classifier reads as anger, not as the topic, is still the topic
    'this whole site is a scam',
    'my lawyer will be in touch about this order',
  ])('%j is a sensitive topic', (text) => expect(reason(text)).toBe('sensitive_topic'));
});

describe('the safety classifier below 0.85 on a message with no word of harm (safetyCloseCallWithoutCue)', () => {
  // (The classifier reads these 0.77 and 0.82; above 0.85 a battery question still fires: the classifier itself needs
  // ordinary battery questions to learn from, left for a retrain.)
  it.each([
    'the night light is battery or plug?',
    'is the fairy light battery or mains',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'the toy\'s battery got really hot while charging',
    'the heater tipped over and the cord melted',
    'the night light smells like burning plastic',
    'the charger sparked when I plugged it in',
  ])('%j is a sensitive topic', (text) => expect(reason(text)).toBe('sensitive_topic'));

  it('a hazard told before a question still fires in a flow with an accident topic (insurance-claims)', () => {
    const insurance = loadFlowText(readFileSync(new URL('../../../flows/insurance-claims.json', import.meta.url), 'utf8')).flow!;
    const p = playConversation(insurance, 'fe', ['hi, a pipe burst in my kitchen last night and there is water everywhere, how do I claim?'], Date.parse('2026-03-02T10:00:00Z'));
    expect(p.escalation?.reason).toBe('sensitive_topic');
  });
});

describe('"can\'t wait" in a message that says the customer is excited (takenBack.excitedWait)', () => {
  it.each([
    'I literally cannot wait any longer to see the rug 😄 how many days to Bristol?',
    'i cant wait already for my parcel hehe, is it shipped?',
    "buzzing for the new speaker, honestly can't wait. what day does it ship?",
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    "I can't wait any longer, where is my order",
    "my mum can't wait all day for the wheelchair, when will it come",
    "can't wait, need it for tomorrow's party",
    "I can't wait any longer 😡 where is it",
    "still waiting for my refund, I can't wait forever haha",
  ])('%j is urgency', (text) => expect(reason(text)).toBe('urgency'));
});

describe('a link or button of the shop\'s, named with the place it is in, is broken: the service, not damaged goods (serviceBroken)', () => {
  it.each([
    "i dont want to complain or anything, just telling u the link in the email is broken",
    'the discount code link in the email is broken',
  ])('%j is not a sensitive topic', (text) => expect(reason(text)).not.toBe('sensitive_topic'));

  it.each([
    'the glass in the box is broken',
    'the lamp in the parcel is broken',
    'the code on the voucher I got was fine but the lamp in the box is broken',
    'the handle on the door of the cabinet is broken',
  ])('%j is a sensitive topic', (text) => expect(reason(text)).toBe('sensitive_topic'));
});

describe('a question about where or how a refund is paid (detectSensitiveTopic refundRouteQuestion)', () => {
  it.each([
    'quick q, if I return the mug do I get refund on the card or a voucher',
    'does the refund go to me or to my sister who got the gift?',
    'and refunds come back to the same card?',
    'ok and the refund goes back to the same card right?',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    "my refund still hasn't gone back to my card, where is it?",
    'I want the refund to go to my card, not store credit',
    'I returned the kettle two weeks ago and the refund is not on my card yet',
    'where is my refund',
    'I want my money back',
  ])('%j is a sensitive topic', (text) => expect(reason(text)).toBe('sensitive_topic'));
});

describe('someone of the shop praised, with thanks to pass on (detectExplicitRequest staffPraised)', () => {
  it.each([
    'the customer service person i spoke to on tuesday morning was so lovely, pls pass on thanks',
    'the delivery person who brought my table on friday was super kind, pass on thanks',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'the lady on the phone was lovely but I need to speak to a manager now',
    'your staff were rude, I want to talk to a manager',
    'can someone from your team ring me please',
  ])('%j is an explicit request', (text) => expect(reason(text)).toBe('explicit_request'));
});
