/**
 * Session 33 (issue 11, ordinary conversations handed over for repeated fallback): "how much is the standing fan" was
 * "Sorry, I didn't get that" (not a question about the shop's goods), and "thank you very much" / "thanks so much" at
 * Northwind's "What's your question?" were answered with the international delivery prices (the "much" of "how much is
 * shipping abroad"). Made-up sentences, not the corpora's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isShopQuestionText } from '../../../shared/escalation/shopTopics';
import { normalizeText } from '../../../shared/nlu/normalizeText';
import { converse } from '../engine/harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const shop = (t: string) => isShopQuestionText(normalizeText(t));

describe('the price of a thing pointed at is a question about the shop', () => {
  it.each(['how much is the standing fan', 'how much are those grab rails?', 'hi how much for the 3 step ladder', 'how much is your big umbrella', 'how much are they'])(
    '%j', (t) => expect(shop(t)).toBe(true));

  it.each(['how much is a beer in London?', 'how much for a crate of cider', 'how much is a ticket to the zoo', 'how much is the price of gold today', 'how much do I love this'])(
    '%j is not', (t) => expect(shop(t)).toBe(false));
});

describe('thanks alone asks for nothing', () => {
  it.each(['thank you very much', 'thanks so much', 'Thank you so much!', 'many thanks'])('%j at "What\'s your question?" is not answered with delivery prices', (t) => {
    const c = converse(load(), { now: Date.parse('2026-03-02T10:00:00Z') });
    c.say('Something else');
    const n = c.botTexts().length;
    c.say(t);
    const said = c.botTexts().slice(n).join(' ');
    expect(said).not.toMatch(/ship|delivery/i);
    expect(said).toMatch(/What's your question\?/);
  });

  it('"how much is shipping to Canada" is still the delivery answer', () => {
    const c = converse(load(), { now: Date.parse('2026-03-02T10:00:00Z') });
    c.say('Something else');
    c.say('how much is shipping to Canada?');
    expect(c.botTexts().join(' ')).toMatch(/We ship to the EU, the US and Canada/);
  });
});
