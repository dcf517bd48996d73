/**
 * Session 42 (lead): hostile s42 L3, L4, M1.
 * L3: thanks alone at a menu that lists no thanks of its own got the retry line or the fallback ("Please choose one of the
 *     options.", "Sorry, I didn't catch the size."): "You're welcome." and the question again, no miss counted.
 * L4: Skyline Air's and Harbor Mutual's menus began "Thanks." even when shown again after a message the bot did not
 *     understand: the sample flows' menu texts no longer thank.
 * M1: "my bag never arrived", a synonym of Skyline Air's "Lost, delayed or damaged bag", went to the urgent airport desk as
 *     negative sentiment (a failure told as a flat fact): typed as the option that answers it, it picks the option.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');

function skyline() {
  const c = converse(load('travel-urgency'), { now: OPEN });
  c.say('K7XQ2P');
  c.say('2026-03-20 18:45');
  expect(c.state.waiting).toMatchObject({ blockId: 'menu' });
  return c;
}

function harbor() {
  const c = converse(load('insurance-claims'), { now: OPEN });
  c.say('HM-2231-0457');
  return c;
}

describe('thanks alone at a menu (L3)', () => {
  it.each([
    ['Skyline Air', skyline, 'thank you so much', 'What can I help you with?'],
    ['Harbor Mutual', harbor, 'thanks', 'What do you need help with?'],
  ])('%s: "%s" gets "You\'re welcome." and the menu again', (_name, start, text, question) => {
    const c = start();
    const waiting = c.state.waiting;
    c.say(text);
    expect(c.lastBotText()).toBe(`You're welcome. ${question}`);
    expect(c.lastButtons().length).toBeGreaterThan(2);
    expect(c.state.waiting).toEqual(waiting);
    expect(c.mode()).toBe('bot');
    expect(c.state.escalation.fallbacksInRow).toBe(0);
  });

  it("lead-gen's size question: thanks is thanked back, not read as a size it did not catch", () => {
    const c = converse(load('lead-gen'), { now: OPEN });
    expect(c.state.waiting).toMatchObject({ blockId: 'ask_company_size' });
    c.say('thanks!');
    expect(c.lastBotText()).toMatch(/^You're welcome\. How many people work at your company\?/);
    expect(c.botTexts().join(' ')).not.toContain("didn't catch the size");
    expect(c.state.waiting).toMatchObject({ blockId: 'ask_company_size' });
  });

  it.each(['thanks, what about check-in?', 'no thanks', 'thanks but my bag is lost'])('"%s" is not thanks alone: the menu reads it', (text) => {
    const c = skyline();
    c.say(text);
    expect(c.botTexts().join(' ')).not.toContain("You're welcome.");
  });

  it('a menu that lists thanks as a synonym still takes it as that option (Skyline Air "Anything else?")', () => {
    const c = skyline();
    c.say('baggage');
    expect(c.state.waiting).toMatchObject({ blockId: 'anything_else' });
    c.say('thanks');
    expect(c.mode()).toBe('closed');
    expect(c.botTexts().join(' ')).not.toContain("You're welcome.");
  });
});

describe('menus shown again do not thank (L4)', () => {
  it('Skyline Air after a message it did not understand', () => {
    const c = skyline();
    c.say('can I bring a pram onto the plane, and what about the zip on my coat');
    const last = c.botTexts().slice(-2);
    expect(last.join(' ')).not.toMatch(/Thanks\. What can I help/);
  });
});

describe('what never came, typed as the option that answers it (M1)', () => {
  it.each(['my bag never arrived', 'my luggage never came', 'bag did not arrive'])('"%s" at Skyline Air\'s menu picks the lost-bag option', (text) => {
    const c = skyline();
    c.say(text);
    expect(c.mode()).toBe('bot');
    expect(c.variables().topic).toBe('Lost, delayed or damaged bag');
    expect(c.botTexts().join(' ')).toContain('baggage service desk');
    expect(c.effects('handoff_request')).toHaveLength(0);
  });

  // Session 43 (policy1): the option answers it by the policy's rule for a complaint the flow understood (complaintFirst.ts);
  // an insult makes it a strong complaint, handed over.
  it('the same words with an insult still hand over (a strong complaint)', () => {
    const c = skyline();
    c.say('my bag never arrived you useless incompetent idiots');
    expect(c.effects('handoff_request').length).toBeGreaterThan(0);
  });

  it('what never came, picking no option, is not taken as the lost-bag option', () => {
    const c = skyline();
    c.say('nothing arrived. no email, no call, nothing');
    expect(c.variables().topic).not.toBe('Lost, delayed or damaged bag');
  });
});
