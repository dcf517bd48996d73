/**
 * Session 24 (polish2), hostile s14 #15 rest: "never mind" at an order question was asked again (the retry line), then a
 * colleague was offered: a Question block had no way to leave. A customer who gives up ("never mind", "forget it",
 * "doesn't matter", "cancel") leaves the question the way the flow allows, politely: back to the router they came
 * through; else the block's fallback (unless it goes to a person); else the Buttons menu they came through.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { GAVE_UP_LINE } from '../../../shared/engine/behaviours/question';

const template = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-03-02T10:00:00Z');
const newTexts = (c: ReturnType<typeof converse>, from: number) => c.botTexts().slice(from);

describe('giving up at a question', () => {
  it.each(['never mind', 'forget it', "doesn't matter", 'it does not matter anyway', 'cancel', 'Never mind.', 'not important', 'nah forget it'])(
    'Northwind, "%s" at "What\'s your order number?": one polite line, back to the menu, no retry, no colleague',
    (line) => {
      const c = converse(template('customer-support'), { now: NOW });
      c.say('track my order');
      expect(c.lastBotText()).toMatch(/What's your order number/);
      const before = c.botTexts().length;
      c.say(line);
      expect(newTexts(c, before)).toEqual([GAVE_UP_LINE, "What's your question? A few words are enough."]);
      expect(c.state.waiting).toMatchObject({ kind: 'input', blockId: 'router' });
      expect(c.effects('handoff_request')).toHaveLength(0);
      expect(c.variables().orderNumber ?? null).toBeNull();
      // The menu then works as usual.
      c.say('what are your opening hours');
      expect(c.botTexts().join('\n')).toMatch(/Monday to Friday/);
    },
  );

  it('Northwind, "never mind" at the cancel question keeps every order and offers no person', () => {
    const c = converse(template('customer-support'), { now: NOW });
    c.say('I want to cancel an order');
    expect(c.lastBotText()).toMatch(/Which order would you like to cancel/);
    const before = c.botTexts().length;
    c.say('never mind');
    expect(newTexts(c, before)).toEqual([GAVE_UP_LINE, "What's your question? A few words are enough."]);
    c.say('never mind');
    expect(c.botTexts().join('\n')).not.toMatch(/stop order|talk to a person|colleague/);
    expect(c.effects('handoff_request')).toHaveLength(0);
  });

  it('an answer given with the words, or a question, is not a give-up', () => {
    const c = converse(template('customer-support'), { now: NOW });
    c.say('track my order');
    c.say("never mind, it's NW-230918");
    c.http(true, { status: 'shipped', eta: 'Friday' });
    expect(c.botTexts().join('\n')).toMatch(/Order NW-230918 is shipped/);
    const d = converse(template('customer-support'), { now: NOW });
    d.say('track my order');
    d.say('never mind, how much is shipping to Canada?');
    expect(d.botTexts().join('\n')).toMatch(/Canada in 5-10 working days/);
  });

  it('Skyline Air: the booking reference\'s fallback speaks for itself; the departure question goes on by its fallback', () => {
    const c = converse(template('travel-urgency'), { now: NOW });
    let before = c.botTexts().length;
    c.say('never mind');
    expect(newTexts(c, before)[0]).toMatch(/^No problem, we'll carry on without it/);
    before = c.botTexts().length;
    c.say('forget it');
    expect(newTexts(c, before)).toEqual([GAVE_UP_LINE, 'What can I help you with?']);
    expect(c.effects('handoff_request')).toHaveLength(0);
  });

  it('Acme lead-gen: "never mind" at the work email skips to the budget question (the flow\'s fallback)', () => {
    const c = converse(template('lead-gen'), { now: NOW });
    c.say('11-50');
    c.say('no');
    expect(c.lastBotText()).toMatch(/work email/);
    const before = c.botTexts().length;
    c.say('never mind');
    expect(newTexts(c, before)[0]).toBe(GAVE_UP_LINE);
    expect(c.lastBotText()).toMatch(/yearly budget/);
  });

  it('Harbor Mutual: "forget it" at the claim reference goes back to the menu, not to the advisor (its fallback)', () => {
    const c = converse(template('insurance-claims'), { now: NOW });
    c.say('never mind');
    c.say('status of my claim');
    expect(c.lastBotText()).toMatch(/claim reference/);
    const before = c.botTexts().length;
    c.say('forget it');
    expect(newTexts(c, before)).toEqual([GAVE_UP_LINE, 'What do you need help with?']);
    expect(c.effects('handoff_request')).toHaveLength(0);
    expect(c.mode()).toBe('bot');
  });
});
