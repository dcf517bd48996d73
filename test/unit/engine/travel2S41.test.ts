/**
 * Session 41 (travel2): hostile s41 M2, M3, L1, L3 (Skyline Air) and M7 (Harbor Mutual).
 * M2: a lost / damaged bag got the baggage-allowance answer ("bag" synonym): a synonym that holds another choice's
 *     synonym wins (matchButton widestSynonym), and Skyline Air has a "Lost, delayed or damaged bag" option.
 * M3: "no thanks, my bag is lost though" at "Anything else?" ended the chat: a closing with a contrast and a problem is
 *     no closing (answeringWord rule 2b), and the menu the fallback leads to reads the message (buttons nextMenuChoice).
 * L1: "thanks, but one more thing about check-in" showed the menu: the menu answers it.
 * L3: "thanks bye" after a withdrawal said "No problem, let's leave that." before the goodbye.
 * M7: out of hours Harbor Mutual promised a call back and asked only an email: it asks the number.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { matchButton } from '../../../shared/engine/matchButton';
import { answerVerdict } from '../../../shared/engine/answeringWord';
import { normalizeText } from '../../../shared/nlu/normalizeText';
import type { ButtonChoice } from '../../../shared/engine/compileFlow';
import type { FlowInput } from '../../../shared/flow/schema';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
const CLOSED = Date.parse('2026-03-07T13:30:00Z');

const choice = (id: string, synonyms: string[]): ButtonChoice => ({ id, label: id, value: id, names: [normalizeText(id)], synonyms: synonyms.map(normalizeText) });

describe('matchButton: a synonym holding another choice\'s synonym wins (M2)', () => {
  const choices = [choice('Allowance', ['bag', 'baggage']), choice('Problem', ['lost my bag', 'bag is lost']), choice('Check-in', ['check in', 'seat'])];
  it.each([
    ['the airline lost my bag', 'Problem'],
    ['my bag is lost', 'Problem'],
    ['bag', 'Allowance'],
    ['how heavy can my bag be', 'Allowance'],
  ])('"%s" -> %s', (text, id) => {
    expect(matchButton(choices, text)?.id).toBe(id);
  });
  it('two synonyms of different choices, neither holding the other, are still a tie (no choice)', () => {
    expect(matchButton(choices, 'bag and seat')).toBeNull();
  });
});

describe('answerVerdict rule 2b: a closing with a contrast and a problem is no closing (M3)', () => {
  const v = (text: string, name: string) => answerVerdict(text, normalizeText(name), [normalizeText(name)]);
  it.each([
    ['no thanks, my bag is lost though', 'no thanks'],
    ["No, that's all, but my flight is delayed", "no, that's all"],
    ['no, though my seat is broken', 'no'],
  ])('"%s" (%s) is a request', (text, name) => expect(v(text, name)).toBe('request'));
  it.each([
    ["that's all, thanks though", "that's all"],
    ["thanks, you've been great though", 'thanks'],
    ['no thanks, have a good day', 'no thanks'],
    ['no thanks', 'no thanks'],
  ])('"%s" (%s) still closes', (text, name) => expect(v(text, name)).toBe('answers'));
});

function skyline() {
  const c = converse(load('travel-urgency'), { now: OPEN });
  c.say('K7XQ2P');
  c.say('18:45');
  return c;
}

describe('Skyline Air: a lost or damaged bag (M2)', () => {
  it.each(['the airline lost my bag, it never came off the carousel', 'I have lost my baggage', 'my bag arrived damaged and I want compensation', "my suitcase didn't arrive", 'my luggage is missing'])(
    '"%s" gets the lost-bag answer, not the allowance',
    (text) => {
      const c = skyline();
      c.say(text);
      const said = c.botTexts().slice(-2).join(' ');
      expect(said).toContain('baggage service desk');
      expect(said).not.toContain('10 kg cabin bag');
      expect(c.variables().topic).toBe('Lost, delayed or damaged bag');
      expect(c.state.waiting).toMatchObject({ blockId: 'anything_else' });
    },
  );
  it.each(['bag', 'baggage', 'can I add a bag'])('"%s" alone is still Baggage allowance', (text) => {
    const c = skyline();
    c.say(text);
    expect(c.variables().topic).toBe('Baggage allowance');
  });
});

describe('Skyline Air "Anything else?" (M3, L1)', () => {
  const atAnythingElse = () => {
    const c = skyline();
    c.say('baggage');
    expect(c.state.waiting).toMatchObject({ blockId: 'anything_else' });
    return c;
  };
  it('M3: "no thanks, my bag is lost though" is acted on, not closed', () => {
    const c = atAnythingElse();
    c.say('no thanks, my bag is lost though');
    expect(c.mode()).toBe('bot');
    expect(c.lastBotText()).toBe('Anything else?');
    expect(c.botTexts().join(' ')).toContain('baggage service desk');
    expect(c.botTexts().join(' ')).not.toContain('Have a good flight');
  });
  it('L1: "thanks, but one more thing about check-in" answers check-in', () => {
    const c = atAnythingElse();
    c.say('thanks, but one more thing about check-in');
    expect(c.botTexts().slice(-2)[0]).toContain('Online check-in opens');
    expect(c.variables().topic).toBe('Online check-in');
  });
  it('L1: "yes, my suitcase was stolen at the airport" answers the menu the Yes leads to', () => {
    const c = atAnythingElse();
    c.say('yes, my suitcase was stolen at the airport');
    expect(c.variables().topic).toBe('Lost, delayed or damaged bag');
  });
  it.each(['no thanks', 'thanks', "no, that's all, thanks though", 'bye'])('"%s" still ends the chat', (text) => {
    const c = atAnythingElse();
    c.say(text);
    expect(c.mode()).toBe('closed');
    expect(c.lastBotText()).toBe('Have a good flight!');
  });
  it('"yes" alone shows the menu', () => {
    const c = atAnythingElse();
    c.say('yes');
    expect(c.state.waiting).toMatchObject({ blockId: 'menu' });
  });
});

describe('L3: a goodbye at a question after a withdrawal', () => {
  it('"thanks bye" at the booking-reference question says the goodbye only', () => {
    const c = converse(load('travel-urgency'), { now: OPEN });
    c.say('agent');
    c.say("cancel that, I don't need anyone");
    c.say('thanks bye');
    expect(c.mode()).toBe('closed');
    const last = c.lastStep.messages.map((m) => m.text);
    expect(last).toEqual(['Have a good flight!']);
  });
  it('"that\'s all" (no goodbye) still says it leaves the question', () => {
    const c = converse(load('travel-urgency'), { now: OPEN });
    c.say("that's all");
    expect(c.lastStep.messages.map((m) => m.text)).toContain("No problem, let's leave that.");
  });
});

/** A flow of two menus, no router: the generic mechanism, not Skyline Air's words. */
const twoMenus: FlowInput = {
  version: 1,
  id: 'two-menus',
  name: 'Two menus',
  blocks: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'menu', kind: 'buttons', position: { x: 0, y: 0 }, data: { text: 'Pick one', options: [{ id: 'tea', label: 'Tea', synonyms: [] }, { id: 'coffee', label: 'Coffee', synonyms: [] }], maxRetries: 1 } },
    { id: 'tea_info', kind: 'message', position: { x: 0, y: 0 }, data: { text: 'Tea is green.' } },
    { id: 'coffee_info', kind: 'message', position: { x: 0, y: 0 }, data: { text: 'Coffee is black.' } },
    { id: 'more', kind: 'buttons', position: { x: 0, y: 0 }, data: { text: 'More?', options: [{ id: 'yes', label: 'Yes', synonyms: [] }, { id: 'no', label: 'No thanks', synonyms: ['no'] }], maxRetries: 0 } },
    { id: 'end', kind: 'end', position: { x: 0, y: 0 }, data: { text: 'Bye!' } },
  ],
  edges: [
    { id: 'a', from: 'start', exit: 'next', to: 'menu' },
    { id: 'b', from: 'menu', exit: 'tea', to: 'tea_info' },
    { id: 'c', from: 'menu', exit: 'coffee', to: 'coffee_info' },
    { id: 'd', from: 'tea_info', exit: 'next', to: 'more' },
    { id: 'e', from: 'coffee_info', exit: 'next', to: 'more' },
    { id: 'f', from: 'more', exit: 'yes', to: 'menu' },
    { id: 'g', from: 'more', exit: 'no', to: 'end' },
    { id: 'h', from: 'more', exit: 'fallback', to: 'menu' },
    { id: 'i', from: 'menu', exit: 'fallback', to: 'menu' },
  ],
} as unknown as FlowInput;

describe('Buttons whose fallback (or chosen option) leads to another menu: the message answers that menu', () => {
  const atMore = () => {
    const c = converse(twoMenus);
    c.say('tea');
    expect(c.lastBotText()).toBe('More?');
    return c;
  };
  it('"no thanks, but what about the coffee" answers Coffee', () => {
    const c = atMore();
    c.say('no thanks, but what about the coffee');
    expect(c.botTexts()).toContain('Coffee is black.');
  });
  it('"yes, coffee please" answers Coffee', () => {
    const c = atMore();
    c.say('yes, coffee please');
    expect(c.botTexts().slice(-2)).toEqual(['Coffee is black.', 'More?']);
  });
  it('a message the menu cannot read shows the menu as before', () => {
    const c = atMore();
    c.say('purple elephants');
    expect(c.lastBotText()).toBe('Pick one');
  });
});

describe('Harbor Mutual out of hours: the promised call back asks a number (M7)', () => {
  const closed = () => {
    const c = converse(load('insurance-claims'), { now: CLOSED });
    c.say('HM-2231-0457');
    c.say('speak to an advisor');
    expect(c.botTexts().join(' ')).toContain('call you back on the next working day');
    expect(c.state.waiting).toMatchObject({ blockId: 'ask_callback_phone' });
    return c;
  };
  it('a number is kept for the ticket', () => {
    const c = closed();
    c.say('+33 6 12 34 56 78');
    c.say('bob@example.com');
    c.say('my car was hit in the car park');
    expect(c.variables().customerPhone).toBe('+33612345678');
    const ticket = c.effects().find((e) => e.type === 'create_ticket') as { contact?: { phone?: string } } | undefined;
    expect(ticket?.contact?.phone).toBe('+33612345678');
  });
  it('"no" goes on to the email question', () => {
    const c = closed();
    c.say('no');
    expect(c.lastBotText()).toContain('What email address');
  });
});
