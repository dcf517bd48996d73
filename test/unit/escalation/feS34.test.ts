/**
 * Session 34 (fe, issue 11): ordinary questions handed over, fixed by family. Sentences made up for the tests (not the
 * corpora's); each family with the cases that must still fire.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
// A Monday, 10:00 in London.
const reason = (...turns: string[]) =>
  playConversation(flow, 'fe', ['Something else', ...turns], Date.parse('2026-03-02T10:00:00Z')).escalation?.reason ?? 'none';

describe('a weekday named as a kind of day, and until when the shop is open (deadlines genericDay, HOURS_QUESTION)', () => {
  it.each([
    'could you deliver on a Wednesday',
    'Can I choose a Thursday when I check out?',
    "I'm at the allotment on Saturdays, can the driver leave it by the shed?",
    'every Friday I work late, can it go to a locker',
    'until what time is your team open on Sunday',
    'what time on friday is the chat open till',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'I need it by Thursday',
    "the tablecloth has to be here for Sunday's christening",
    'please can it come on Saturday, it is for my son\'s party',
  ])('%j is a deadline', (text) => expect(reason(text)).toBe('urgency'));
});

describe('fraud as a thing to be careful of, guarded against or told apart (detectSensitiveTopic fraudAwareness)', () => {
  it.each([
    'My aunt says to be careful about fraud online. What do you do to keep card payments safe?',
    'How do you protect folk from fraud on the website? Just wondering before I put my card in',
    'haha is there a way to tell a scam email from a real one from you? asking for my dad',
    'is the £5 lamp deal a scam or actually real lol, what wattage is it',
    'My friend says to watch for fraud, what do you do to prevent it on your checkout',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'someone used my card on your site, this is fraud',
    'I want to report a scam',
    'my nan got a scam text pretending to be you, she clicked it and entered her card',
    "I wasn't careful and fell for a scam site pretending to be you, they took £80",
  ])('%j is a fraud case', (text) => expect(reason(text)).toBe('sensitive_topic'));
});

describe('"person" or "human" naming part of a thing, someone to send a gift to, and "tel me" for "tell me" (detectExplicitRequest describesAThing, readTexting)', () => {
  it.each([
    'Is there a person limit on the group booking discount? Like 12 max?',
    'is there a person on the front of the box or is it a cartoon, my son hates faces',
    'is there a human-shaped pillow like a body pillow',
    'is there a person i can send the present to directly or do i need their address',
    'cud you tel me if the bed frame has storage',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'is there a person I can talk to',
    'is there a human available?',
    'is there someone I can send the invoice to, and can I speak to them',
    'pls tel me on 07700 900123',
    'can u tel me back',
  ])('%j asks for a person', (text) => expect(reason(text)).toBe('explicit_request'));
});

describe("damage to the customer's own old thing before buying a new one, damage a product keeps away, \"its fine\" (topicMeaning OWN_OLD_DAMAGED, DAMAGE_KEPT_AWAY, REASSURED)", () => {
  it.each([
    'My old kettle is broken after ten years, I want a new one. Which is the quietest?',
    'my old suitcase got damaged on holiday so I want to buy a sturdier one, do you have hard shell ones?',
    'Is this jacket waterproof? I want to avoid rain damage to my laptop in the bag',
    'does the sofa cover protect it from scratches? we have a cat',
    "I did have a problem with a wobbly shelf, but I tightened the screw and it's fine. Do you sell wall plugs?",
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'my old order arrived damaged, I want a new one',
    'the new kettle I bought to replace my old one arrived broken, I want a new one',
    'the screen protector was supposed to prevent damage but my phone screen arrived cracked',
    'the lamp arrived smashed',
  ])('%j is damaged goods', (text) => expect(reason(text)).toBe('sensitive_topic'));
});

describe('a haste phrase asking how fast the shop does something, "at once" after things counted (detectUrgency howFastQuestion, TOGETHER)', () => {
  it.each([
    'does the discount code come straight away',
    'will the confirmation email come right away?',
    'is there a max number of items I can return at once',
  ])('%j does not escalate', (text) => expect(reason(text)).toBe('none'));

  it.each([
    'does it come straight away? I need it today',
    'can you cancel it straight away please',
    'I need it straight away',
    'cancel both orders at once please, urgent',
  ])('%j is urgent', (text) => expect(reason(text)).toBe('urgency'));
});
