/**
 * Newcomer s13 #16: after the bot's clarifying question ("a second unclear message hands over"), a second unclear
 * message got a second ask in other words ("What's your question? A few words are enough.": the main menu took "the
 * other thing" as its "Something else" button through the synonym "other") and only the third handed over. The
 * template's "Something else" no longer answers to "other" inside a sentence, so that message is the unclear second
 * message the clarifying question announced and the policy hands it over. (An engine rule handing over any fallback
 * after the clarifying question was tried and not kept: on every corpus it cost repeated fallback 1044 -> 1026 of
 * 1216 and 11 more false escalations.)
 * Hostile s13 #11 (with escstruct's 5e1fdda): an order number in the current message replaces the remembered one on
 * the tracking path.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { defaultClarifyText } from '../../../shared/engine/clarifyFirst';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');

describe('one clarifying question, then the handoff (newcomer s13 #16)', () => {
  it('"hmm the thing with the stuff" -> clarify; "you know, the other thing" -> handed over (low confidence), no second ask', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('hmm the thing with the stuff');
    expect(c.lastBotText()).toBe(defaultClarifyText);
    const step = c.say('you know, the other thing');
    expect(step.decision?.action).toBe('handoff');
    expect(step.decision?.reason).toBe('low_confidence');
    expect(c.botTexts()).not.toContain("What's your question? A few words are enough.");
    expect(c.botTexts()).toContain(takeoverTexts.leadIn.misunderstood);
  });

  it('an answer the bot understands carries on as before', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('hmm the thing with the stuff');
    const step = c.say('where is my order?');
    expect(step.decision?.action).toBe('none');
    expect(c.lastBotText()).toMatch(/What's your order number\?/);
  });

  it('"other" typed alone still picks Something else', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('other');
    expect(c.lastBotText()).toBe("What's your question? A few words are enough.");
  });
});

describe('a second order number is the one looked up (hostile s13 #11)', () => {
  it('"where is order NW-555555" after tracking NW-104233 looks up NW-555555', () => {
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say('where is order NW-104233');
    expect(c.effects('http_request').at(-1)!.url).toMatch(/NW-104233$/);
    c.http(true, { status: 'shipped', eta: 'Friday' });
    c.say('where is order NW-555555');
    expect(c.effects('http_request').at(-1)!.url).toMatch(/NW-555555$/);
    expect(c.variables().orderNumber).toBe('NW-555555');
  });
});
