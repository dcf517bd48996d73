/**
 * Session 43 (menus, hostile s42 L2): a menu option read by meaning (menuMeaning.ts), at the matcher and in the sample
 * flows. Positive: wordings nobody listed pick the option whose label reads their problem and object. Negative: a
 * problem negated or hypothetical, a problem about another object, two options read, a label that reads no request
 * ("Something else", "Another order"), and a designer's own word still win.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeLabelMeaning, labelMeaning, messageMeaning, pickByMeaning } from '../../../shared/engine/menuMeaning';
import { matchButton } from '../../../shared/engine/matchButton';
import { compileFlow } from '../../../shared/engine/compileFlow';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { BlockOf } from '../../../shared/flow/schema';
import { converse } from './harness';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
function optionAt(flowName: string, blockId: string, text: string): string | null {
  const c = compileFlow(load(flowName));
  return matchButton(c.buttons(c.blocks.get(blockId) as BlockOf<'buttons'>), text)?.id ?? null;
}
const SKYLINE = ['Change my flight', 'Baggage allowance', 'Online check-in', 'Lost, delayed or damaged bag', 'Talk to an agent'];

describe('a label read as meaning classes', () => {
  it('reads problems x object, and nothing for labels with no request', () => {
    expect(describeLabelMeaning('Lost, delayed or damaged bag')).toBe('lost, delayed, damaged × bag');
    expect(describeLabelMeaning('Baggage allowance')).toBe('allowance × bag');
    expect(describeLabelMeaning('Track my order')).toBe('where it is × parcel');
    expect(describeLabelMeaning('Online check-in')).toBe('check-in');
    expect(describeLabelMeaning('No injuries')).toBe('no injury');
    expect(describeLabelMeaning('Something else')).toBeNull();
    expect(describeLabelMeaning('Another order')).toBeNull();
    expect(describeLabelMeaning('Talk to an agent')).toBeNull();
    expect(labelMeaning('Another order')).toEqual([{ id: 'parcel', role: 'object' }]);
  });
});

describe('a message picks by meaning (Skyline Air labels)', () => {
  it.each([
    ['my case went to Rome', 3],
    ['my bag came back with a broken wheel', 3],
    ['my bag arrived but the zip is torn', 3],
    ['my holdall got sent to Frankfurt instead of Dublin', 3],
    ['there is a hole in my suitcase', 3],
    ['how heavy can my case be', 1],
    ['I need to move my flight to Friday', 0],
    ['where do I get my boarding pass', 2],
  ])('%j picks option %i', (text, want) => {
    expect(pickByMeaning(SKYLINE, text)).toBe(want);
  });

  it.each([
    // negated: the problem did not happen; what is left is the allowance question
    ["my bag didn't get damaged, how big can it be?", 1],
    ["I didn't lose my bag, I just want to know how many I can take", 1],
    // hypothetical: no event read, nothing else asked
    ['what happens if my bag gets lost?', -1],
    ['if my suitcase were damaged, who pays?', -1],
    // the problem is about another object
    ['my flight was delayed', -1],
    ['the seat in front of me was broken', -1],
    ['I lost my passport', -1],
    // the object alone is no request
    ['my bag', -1],
  ])('%j picks %i', (text, want) => {
    expect(pickByMeaning(SKYLINE, text)).toBe(want);
  });

  it('two options read is no pick (the flow asks again)', () => {
    expect(pickByMeaning(['Lost bag', 'Damaged bag'], 'my bag is lost and the handle is broken')).toBe(-1);
    expect(pickByMeaning(['Lost bag', 'Damaged bag'], 'my bag is lost')).toBe(0);
  });

  it('a negated or refused request is read as such', () => {
    expect(messageMeaning('nobody was hurt')).toEqual([{ id: 'injury', role: 'request', no: true }]);
    expect(pickByMeaning(['Yes, someone is hurt', 'No injuries'], "everyone's fine")).toBe(1);
    expect(pickByMeaning(['Yes, someone is hurt', 'No injuries'], 'my passenger hurt her neck')).toBe(0);
    expect(pickByMeaning(['Track my order', 'Returns', 'Shipping'], "I don't want to return anything, where is my order")).toBe(0);
    expect(pickByMeaning(['Track my order', 'Returns', 'Shipping'], "my parcel didn't get lost, what does delivery cost")).toBe(2);
  });

  it('a question about cover or a claim already made is not a new incident', () => {
    const harbor = ['Report an incident', 'Follow up on a claim', 'What am I covered for?'];
    expect(pickByMeaning(harbor, 'is storm damage covered?')).toBe(2);
    expect(pickByMeaning(harbor, 'the claim for the flood, any news?')).toBe(1);
    expect(pickByMeaning(harbor, 'a tree fell on my garage in the storm')).toBe(0);
    expect(pickByMeaning(harbor, 'if my car gets stolen, am I covered?')).toBe(2);
  });
});

describe('in the sample flows (matchButton)', () => {
  it("hostile s42 L2: a damaged or lost bag in other words is Skyline Air's bag option, not the allowance", () => {
    for (const text of ['my bag came back with a broken wheel', 'my bag arrived but the zip is torn', 'my case went to Rome']) {
      expect(optionAt('travel-urgency', 'menu', text)).toBe('bag_problem');
    }
  });

  it("a designer's word still wins: 'baggage' alone, and an object-only word with no problem beside it", () => {
    expect(optionAt('travel-urgency', 'menu', 'baggage')).toBe('baggage');
    expect(optionAt('travel-urgency', 'menu', 'can i bring two bags')).toBe('baggage');
  });

  it("'something else' and 'Another order' are never picked by meaning", () => {
    expect(optionAt('customer-support', 'confirm_cancel_order', 'where is my order')).toBeNull();
  });

  it('Northwind: a router the designer wired to the fallback reads a message it understands first', () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say("I can't find my order NW-230918, cancel it");
    expect(c.botTexts().join(' ')).toMatch(/shall I cancel order NW-230918\?/);
  });

  it('Skyline Air end to end: "my case went to Rome" gets the lost-bag answer, not the allowance', () => {
    const c = converse(load('travel-urgency'), { now: OPEN });
    c.say('K7XQ2P');
    c.say('2026-03-20 18:45');
    expect(c.state.waiting).toMatchObject({ blockId: 'menu' });
    const step = c.say('my case went to Rome');
    const allowance = compileFlow(load('travel-urgency')).exitOf('menu', 'baggage');
    const lostBag = compileFlow(load('travel-urgency')).exitOf('menu', 'bag_problem');
    expect(step.visited).toContain(lostBag);
    expect(step.visited).not.toContain(allowance);
    expect(c.mode()).toBe('bot');
  });
});
