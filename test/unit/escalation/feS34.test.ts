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
